using Platform.DataPlane.Introspection.Model;
using Platform.DataPlane.Schema.Inflection;
using Platform.DataPlane.Schema.Model;
using ValueType = Platform.DataPlane.Schema.Model.ValueType;

namespace Platform.DataPlane.Schema.Building;

/// <summary>Maps catalog types to GraphQL types the way PostGraphile v4 does (bigint and numeric as strings, enums as enums).</summary>
internal sealed partial class TypeMapper
{
    private readonly Dictionary<long, PgType> types;
    private readonly Dictionary<long, ValueType?> cache = [];
    private readonly Dictionary<string, EnumModel> enums = new(StringComparer.Ordinal);
    private readonly Dictionary<long, PgClass> compositeClasses;

    public TypeMapper(CatalogSnapshot snapshot, SchemaOptions? options = null)
    {
        types = snapshot.Types.ToDictionary(t => t.Oid);
        compositeClasses = snapshot.Classes.Where(c => c.IsCompositeType).ToDictionary(c => c.Oid);
        jwtTokenType = JwtTokenIdentifier.Parse(options?.JwtTokenType);
    }

    private readonly List<SchemaWarning> warnings = [];

    public IReadOnlyList<EnumModel> Enums => enums.Values.ToList();

    /// <summary>What mapping changed or left out so far.</summary>
    public IReadOnlyList<SchemaWarning> Warnings => warnings;

    public PgType? Type(long oid) => types.GetValueOrDefault(oid);

    /// <summary>Null when the type has no GraphQL form (pseudo types such as record or void).</summary>
    public ValueType? Map(long oid)
    {
        if (cache.TryGetValue(oid, out var known))
        {
            return known;
        }

        var mapped = Compute(oid);
        cache[oid] = mapped;
        return mapped;
    }

    private ValueType? Compute(long oid)
    {
        if (!types.TryGetValue(oid, out var t))
        {
            return null;
        }

        var builtin = BuiltIn(oid);
        if (builtin is not null)
        {
            return new ValueType(builtin.Value.Kind, builtin.Value.Name, CastName(t));
        }

        if (t.Category == "A" && t.ElementOid is { } elementOid)
        {
            var element = Map(elementOid);
            return element is null ? null : new ValueType(ScalarKind.List, element.GraphQLName, CastName(t), element);
        }

        if (JwtToken(t) is { } jwt)
        {
            return jwt;
        }

        switch (t.Kind)
        {
            case "d" when t.BaseTypeOid is { } baseOid:
                // Values are cast to the base type: comparisons work the same and a domain's CHECK is about writes, not lookups.
                return Domain(t, Map(baseOid));
            case "e":
                var model = EnumOf(t);
                return new ValueType(ScalarKind.Enum, model.GraphQLName, t.SqlName, Enum: model);
            case "c":
                return CompositeOf(t);
            case "p":
                return null;
            case "r" when t.RangeSubtypeOid is { } subOid && Map(subOid) is { Kind: not (ScalarKind.List or ScalarKind.Composite or ScalarKind.Range or ScalarKind.JwtToken or ScalarKind.Interval) } subtype:
                // v4 names the object after the subtype's GraphQL type: IntRange, BigIntRange, DatetimeRange...
                return new ValueType(ScalarKind.Range, subtype.GraphQLName + "Range", t.SqlName, Element: subtype);
            default:
                // Anything else (multiranges, geometric types...) reads as its text form.
                return new ValueType(ScalarKind.String, "String", t.SqlName);
        }
    }

    /// <summary>
    /// The name values are cast to. A cast drops the column's length, and <c>character</c> and <c>bit</c> without
    /// one mean a length of 1, so <c>'JP'::character</c> is <c>'J'</c>: those cast to their unbounded forms instead.
    /// </summary>
    private static string CastName(PgType t) => t.Oid switch
    {
        1042 => "bpchar",
        1014 => "bpchar[]",
        1560 => "varbit",
        1561 => "varbit[]",
        _ => t.SqlName,
    };

    /// <summary>
    /// A domain over a scalar becomes a scalar of its own, named after the domain, as in v4; over a list, enum,
    /// interval or composite it stays its base type here.
    /// </summary>
    private static ValueType? Domain(PgType t, ValueType? baseType)
    {
        if (baseType is null || baseType.Kind is ScalarKind.List or ScalarKind.Enum or ScalarKind.Interval or ScalarKind.Composite or ScalarKind.Range or ScalarKind.JwtToken)
        {
            return baseType;
        }

        var comment = SmartComment.Parse(t.Comment);
        return baseType with
        {
            GraphQLName = Inflector.PascalCase(comment.Name ?? t.Name),
            DomainBase = baseType.DomainBase ?? baseType.GraphQLName,
            DomainDescription = comment.Description,
        };
    }

    private EnumModel EnumOf(PgType t)
    {
        var comment = SmartComment.Parse(t.Comment);
        var name = Inflector.PascalCase(comment.Name ?? t.Name);
        if (enums.TryGetValue(name, out var existing))
        {
            if (existing.SqlType != t.SqlName)
            {
                throw new SchemaBuildException(
                    $"Enums {existing.SqlType} and {t.SqlName} both become the GraphQL type {name}; {t.SqlName} is left out (rename one with a @name smart comment).",
                    CatalogObject.Type(t.Oid));
            }

            return existing;
        }

        // Labels that share a GraphQL name keep the first one's place and the last one's label, as PostGraphile v4's do.
        var values = new List<EnumValueModel>();
        foreach (var label in t.EnumValues ?? [])
        {
            var value = new EnumValueModel(Inflector.EnumValueName(label), label);
            var at = values.FindIndex(v => v.GraphQLName == value.GraphQLName);
            if (at < 0)
            {
                values.Add(value);
                continue;
            }

            warnings.Add(new SchemaWarning("ENUM_VALUE_COLLISION",
                $"Enum {t.SqlName}: labels '{values[at].Label}' and '{label}' both become {value.GraphQLName}; only '{label}' can be read or written."));
            values[at] = value;
        }

        var model = new EnumModel(name, t.SqlName, values, comment.Description) { TypeOid = t.Oid };
        enums[name] = model;
        return model;
    }

    private static (ScalarKind Kind, string Name)? BuiltIn(long oid) => oid switch
    {
        16 => (ScalarKind.Boolean, "Boolean"),
        20 => (ScalarKind.BigInt, "BigInt"),
        21 or 23 => (ScalarKind.Int, "Int"),
        26 => (ScalarKind.BigInt, "BigInt"),
        700 or 701 => (ScalarKind.Float, "Float"),
        1700 => (ScalarKind.BigFloat, "BigFloat"),
        18 or 19 or 25 or 1042 or 1043 => (ScalarKind.String, "String"),
        114 or 3802 => (ScalarKind.Json, "JSON"),
        2950 => (ScalarKind.Uuid, "UUID"),
        1082 => (ScalarKind.Date, "Date"),
        1083 or 1266 => (ScalarKind.Time, "Time"),
        1114 or 1184 => (ScalarKind.Datetime, "Datetime"),
        1186 => (ScalarKind.Interval, "Interval"),
        869 => (ScalarKind.String, "InternetAddress"),
        1560 or 1562 => (ScalarKind.String, "BitString"),
        _ => null,
    };
}
