using GraphQL.Types;
using Platform.DataPlane.Schema.Model;
using ValueType = Platform.DataPlane.Schema.Model.ValueType;

namespace Platform.DataPlane.Schema.Graph;

public sealed partial class GraphQLSchemaFactory
{
    private void AddScalars()
    {
        named["Int"] = new IntGraphType();
        named["Float"] = new FloatGraphType();
        named["String"] = new StringGraphType();
        named["Boolean"] = new BooleanGraphType();
        named["ID"] = new IdGraphType();
        named["BigInt"] = new LooseScalarGraphType("BigInt", "A signed eight-byte integer. The upper big integer values are greater than the max value for a JavaScript number. Therefore all big integers will be output as strings and not numbers.", acceptsNumbers: true);
        named["BigFloat"] = new LooseScalarGraphType("BigFloat", "A floating point number that requires more precision than IEEE 754 binary 64", acceptsNumbers: true);
        named["Datetime"] = new LooseScalarGraphType("Datetime", "A point in time as described by the [ISO 8601](https://en.wikipedia.org/wiki/ISO_8601) standard. May or may not include a timezone.");
        named["Date"] = new LooseScalarGraphType("Date", "The day, does not include a time.");
        named["Time"] = new LooseScalarGraphType("Time", "The exact time of day, does not include the date. May or may not have a timezone offset.");
        named["UUID"] = new LooseScalarGraphType("UUID", "A universally unique identifier as defined by [RFC 4122](https://tools.ietf.org/html/rfc4122).");
        named["JSON"] = new LooseScalarGraphType("JSON", "A JavaScript object encoded in the JSON format as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf).", acceptsAnything: true);
        named["Cursor"] = new LooseScalarGraphType("Cursor", "A location in a connection that can be used for resuming pagination.");
        var interval = new ObjectGraphType
        {
            Name = "Interval",
            Description = "An interval of time that has passed where the smallest distinct unit is a second.",
        };
        interval.AddField(new FieldType { Name = "seconds", Description = "A quantity of seconds. This is the only non-integer field, as all the other fields will dump their overflow into a smaller unit of time. Intervals don’t have a smaller unit than seconds.", ResolvedType = new FloatGraphType() });
        foreach (var unit in new[] { "minutes", "hours", "days", "months", "years" })
        {
            interval.AddField(new FieldType { Name = unit, Description = $"A quantity of {unit}.", ResolvedType = new IntGraphType() });
        }

        named["Interval"] = interval;
        var intervalInput = new InputObjectGraphType
        {
            Name = "IntervalInput",
            Description = "An interval of time that has passed where the smallest distinct unit is a second.",
        };
        intervalInput.AddField(new FieldType { Name = "seconds", Description = "A quantity of seconds. This is the only non-integer field, as all the other fields will dump their overflow into a smaller unit of time. Intervals don’t have a smaller unit than seconds.", ResolvedType = new FloatGraphType() });
        foreach (var unit in new[] { "minutes", "hours", "days", "months", "years" })
        {
            intervalInput.AddField(new FieldType { Name = unit, Description = $"A quantity of {unit}.", ResolvedType = new IntGraphType() });
        }

        named["IntervalInput"] = intervalInput;
        var pageInfo = new ObjectGraphType { Name = "PageInfo", Description = "Information about pagination in a connection." };
        pageInfo.AddField(new FieldType { Name = "hasNextPage", Description = "When paginating forwards, are there more items?", ResolvedType = new NonNullGraphType(named["Boolean"]) });
        pageInfo.AddField(new FieldType { Name = "hasPreviousPage", Description = "When paginating backwards, are there more items?", ResolvedType = new NonNullGraphType(named["Boolean"]) });
        pageInfo.AddField(new FieldType { Name = "startCursor", Description = "When paginating backwards, the cursor to continue.", ResolvedType = named["Cursor"] });
        pageInfo.AddField(new FieldType { Name = "endCursor", Description = "When paginating forwards, the cursor to continue.", ResolvedType = named["Cursor"] });
        named["PageInfo"] = pageInfo;
    }

    private IGraphType OutputType(ValueType type, bool nonNull)
    {
        if (type.Kind == ScalarKind.JwtToken && !named.ContainsKey(type.GraphQLName))
        {
            // Added on first use, as PostGraphile registers it only when something returns the type.
            named[type.GraphQLName] = new LooseScalarGraphType(type.GraphQLName, "A JSON Web Token defined by [RFC 7519](https://tools.ietf.org/html/rfc7519) which securely represents claims between two parties.");
        }

        IGraphType result = type.IsList ? new ListGraphType(OutputType(type.Element!, false)) : Named(type.GraphQLName);
        return nonNull ? new NonNullGraphType(result) : result;
    }

    /// <summary>The input form of a type; null for lists of intervals (and composites without input fields), which have none here, so such arguments are left out.</summary>
    private IGraphType? InputType(ValueType type)
    {
        if (type.Kind == ScalarKind.JwtToken)
        {
            return null;
        }

        if (type.IsList)
        {
            return type.Element!.Kind != ScalarKind.Interval && type.Element.Kind != ScalarKind.JwtToken && InputType(type.Element) is { } element ? new ListGraphType(element) : null;
        }

        return type.Kind switch
        {
            ScalarKind.Interval => named["IntervalInput"],
            ScalarKind.Composite => named.GetValueOrDefault(type.Composite!.InputTypeName),
            _ => Named(type.GraphQLName),
        };
    }

    /// <summary>A named type; PostGraphile v4's text scalars for network and bit types are added on first use.</summary>
    private IGraphType Named(string name)
    {
        if (!named.ContainsKey(name) && TextScalars.TryGetValue(name, out var description))
        {
            named[name] = new LooseScalarGraphType(name, description);
        }

        return named[name];
    }

    private static readonly Dictionary<string, string> TextScalars = new(StringComparer.Ordinal)
    {
        ["InternetAddress"] = "An IPv4 or IPv6 host address, and optionally its subnet.",
        ["BitString"] = "A string representing a series of binary bits",
    };
}
