using System.Globalization;
using System.Text;
using System.Text.Json;
using GraphQLParser.AST;
using Platform.DataPlane.Planning.Binding;
using Platform.DataPlane.Planning.Errors;
using Platform.DataPlane.Planning.Plans;
using Platform.DataPlane.Planning.Sql;
using Platform.DataPlane.Schema.Model;
using ValueType = Platform.DataPlane.Schema.Model.ValueType;

namespace Platform.DataPlane.Planning.Planner;

/// <summary>
/// Writes GraphQL input values into SQL, always as parameters cast to the catalog type. Variables stay variables
/// (so the plan is reusable); literals become constant parameters; enum names map back to PostgreSQL labels.
/// </summary>
public static partial class ValueWriter
{
    public static GraphQLValue? Argument(GraphQLField field, string name) =>
        field.Arguments?.FirstOrDefault(a => a.Name.Value.Span.SequenceEqual(name))?.Value;

    /// <summary>True when the argument is absent, a null literal, or a variable that is null in this request.</summary>
    public static bool IsAbsent(PlanContext context, GraphQLValue? value) => value switch
    {
        null or GraphQLNullValue => true,
        GraphQLVariable v => !context.HasValue(v.Name.StringValue),
        _ => false,
    };

    public static void Write(SqlBuilder sql, PlanContext context, GraphQLValue value, ValueType type)
    {
        var sqlType = new SqlTypeName(type.SqlType);
        switch (value)
        {
            case GraphQLNullValue:
                sql.Sql("null::").Sql(type.SqlType);
                return;
            case GraphQLObjectValue interval when type.Kind == ScalarKind.Interval:
                WriteInterval(sql, unit => new ConstantParameter(
                    interval.Fields?.FirstOrDefault(f => f.Name.StringValue == unit)?.Value is { } part ? Text(context, part, unit == "seconds" ? FloatType : IntType) : null));
                return;
            case GraphQLVariable v when type.HasComposite:
                WriteVariable(sql, new VariableParameter(v.Name.StringValue, ValueFormat.Json), type);
                return;
            case not GraphQLVariable when type.HasComposite:
                // The literal (nested variables read now) travels as one JSON parameter, rebuilt in SQL.
                var literal = new ConstantParameter(LiteralJson(context, value));
                FromJson(sql, s => s.Parameter(literal, JsonSql), type);
                return;
            case GraphQLVariable v:
                WriteVariable(sql, new VariableParameter(v.Name.StringValue, type.IsList ? ValueFormat.Array : type.Kind == ScalarKind.Json ? ValueFormat.Json : ValueFormat.Scalar), type);
                return;
            default:
                sql.Parameter(new ConstantParameter(Text(context, value, type)), sqlType);
                return;
        }
    }

    /// <summary>A run-time value; enum names are mapped to labels by PostgreSQL so the plan stays reusable.</summary>
    public static void WriteVariable(SqlBuilder sql, VariableParameter parameter, ValueType type)
    {
        if (type.HasComposite)
        {
            FromJson(sql, s => s.Parameter(parameter with { Format = ValueFormat.Json }, JsonSql), type);
            return;
        }

        if (type.Kind == ScalarKind.Interval)
        {
            WriteInterval(sql, unit => parameter with { Format = ValueFormat.Scalar, PathKey = parameter.PathKey.Length == 0 ? unit : parameter.PathKey + "." + unit });
            return;
        }

        if (type.IsList && type.Element!.Kind == ScalarKind.Enum)
        {
            WriteEnumList(sql, parameter with { Format = ValueFormat.Array }, type);
            return;
        }

        if (type.Kind != ScalarKind.Enum)
        {
            sql.Parameter(parameter, new SqlTypeName(type.SqlType));
            return;
        }

        sql.Sql("(case ").Parameter(parameter with { Format = ValueFormat.Scalar }, SqlTypeName.PlainText);
        foreach (var e in type.Enum!.Values)
        {
            sql.Sql(" when ").NameLiteral(e.GraphQLName).Sql(" then ").NameLiteral(e.Label);
        }

        sql.Sql(" end)::").Sql(type.SqlType);
    }

    /// <summary>
    /// A list of enum names mapped to labels in SQL, element by element in order, so the plan serves every list:
    /// <c>case when $1::text[] is null then null else coalesce((select array_agg(case u.x when 'A' then 'a' ... end order
    /// by u.o) from unnest($1::text[]) with ordinality as u(x, o)), '{}') end::enum[]</c>.
    /// </summary>
    private static void WriteEnumList(SqlBuilder sql, VariableParameter parameter, ValueType type)
    {
        var names = new SqlTypeName("text[]");
        sql.Sql("(case when ").Parameter(parameter, names).Sql(" is null then null else coalesce((select array_agg(case u.x");
        foreach (var e in type.Element!.Enum!.Values)
        {
            sql.Sql(" when ").NameLiteral(e.GraphQLName).Sql(" then ").NameLiteral(e.Label);
        }

        sql.Sql(" end order by u.o) from unnest(").Parameter(parameter, names).Sql(") with ordinality as u(x, o)), '{}') end)::").Sql(type.SqlType);
    }

    /// <summary>The PostgreSQL text form of a literal; variables nested in it are read now and make the plan value-specific.</summary>
    public static string? Text(PlanContext context, GraphQLValue value, ValueType type)
    {
        switch (value)
        {
            case GraphQLNullValue:
                return null;
            case GraphQLVariable v:
                return context.StructuralVariable(v.Name.StringValue) is { } json ? JsonText(json, type) : null;
            case GraphQLListValue list when type.IsList:
                var items = (list.Values ?? []).Select(item => Text(context, item, type.Element!)).ToList();
                return ArrayLiteral(items);
            case GraphQLEnumValue e when type.Kind == ScalarKind.Enum:
                return Label(context, type.Enum!, e.Name.StringValue, value);
            case GraphQLStringValue s:
                return (string)s.Value;
            case GraphQLIntValue i:
                return (string)i.Value;
            case GraphQLFloatValue f:
                return (string)f.Value;
            case GraphQLBooleanValue b:
                return b.BoolValue ? "true" : "false";
            case GraphQLEnumValue e:
                return e.Name.StringValue;
            case GraphQLObjectValue or GraphQLListValue when type.Kind == ScalarKind.Json:
                return LiteralJson(context, value);
            default:
                throw context.Error(ErrorCodes.BadUserInput, $"A value of type {type.GraphQLReference} was expected.", value);
        }
    }

    internal static string? JsonText(JsonElement json, ValueType type)
    {
        if (type.IsList && json.ValueKind == JsonValueKind.Array)
        {
            return ArrayLiteral(json.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? null : JsonText(e, type.Element!)).ToList());
        }

        if (type.Kind == ScalarKind.Enum && json.ValueKind == JsonValueKind.String)
        {
            var name = json.GetString()!;
            return type.Enum!.Values.FirstOrDefault(v => v.GraphQLName == name)?.Label
                ?? throw new GraphQLRequestException(ErrorCodes.BadUserInput, $"\"{name}\" is not a value of enum {type.Enum.GraphQLName}.");
        }

        return PgText.From(json, type.Kind == ScalarKind.Json ? ValueFormat.Json : ValueFormat.Scalar);
    }

    private static string Label(PlanContext context, EnumModel model, string name, GraphQLValue node) =>
        model.Values.FirstOrDefault(v => v.GraphQLName == name)?.Label
        ?? throw context.Error(ErrorCodes.ValidationFailed, $"\"{name}\" is not a value of enum {model.GraphQLName}.", node);

    private static string ArrayLiteral(List<string?> items)
    {
        var sb = new StringBuilder("{");
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            var item = items[i];
            if (item is null)
            {
                sb.Append("NULL");
            }
            else if (item.StartsWith('{'))
            {
                sb.Append(item);
            }
            else
            {
                sb.Append('"').Append(item.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
            }
        }

        return sb.Append('}').ToString();
    }

    /// <summary>An IntervalInput as <c>make_interval(...)</c>; absent units count as zero.</summary>
    private static void WriteInterval(SqlBuilder sql, Func<string, ParameterSource> unitValue)
    {
        (string Unit, string Argument, SqlTypeName Type)[] parts =
        [
            ("years", "years", IntSql), ("months", "months", IntSql), ("days", "days", IntSql),
            ("hours", "hours", IntSql), ("minutes", "mins", IntSql), ("seconds", "secs", FloatSql),
        ];
        sql.Sql("make_interval(");
        for (var i = 0; i < parts.Length; i++)
        {
            sql.Sql(i > 0 ? ", " : "").Sql(parts[i].Argument).Sql(" => coalesce(").Parameter(unitValue(parts[i].Unit), parts[i].Type).Sql(", 0)");
        }

        sql.Sql(")");
    }

    private static readonly SqlTypeName IntSql = new("integer");

    private static readonly SqlTypeName FloatSql = new("double precision");

    public static readonly ValueType FloatType = new(ScalarKind.Float, "Float", "double precision");

    public static readonly ValueType IntType = new(ScalarKind.Int, "Int", "integer");

}
