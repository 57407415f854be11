using GraphQL.Types;
using GraphQLParser.AST;

namespace Platform.DataPlane.Schema.Graph;

/// <summary>
/// PostGraphile's custom scalars (BigInt, Datetime, UUID...). Values stay in their JSON/text spelling: the planner sends
/// them to PostgreSQL as text and PostgreSQL does the real parsing, so here only the literal's kind is checked.
/// </summary>
public sealed class LooseScalarGraphType : ScalarGraphType
{
    private readonly bool acceptsNumbers;
    private readonly bool acceptsAnything;

    public LooseScalarGraphType(string name, string description, bool acceptsNumbers = false, bool acceptsAnything = false)
    {
        Name = name;
        Description = description;
        this.acceptsNumbers = acceptsNumbers;
        this.acceptsAnything = acceptsAnything;
    }

    /// <summary>Numbers are accepted as well as strings (BigInt, BigFloat).</summary>
    public bool AcceptsNumbers => acceptsNumbers;

    /// <summary>Any JSON value is accepted (JSON).</summary>
    public bool AcceptsAnything => acceptsAnything;

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLStringValue s => (string)s.Value,
        GraphQLIntValue i when acceptsNumbers || acceptsAnything => (string)i.Value,
        GraphQLFloatValue f when acceptsNumbers || acceptsAnything => (string)f.Value,
        _ when acceptsAnything => value.ToString(),
        _ => ThrowLiteralConversionError(value),
    };

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        string s => s,
        int or long or decimal or double or float or System.Numerics.BigInteger when acceptsNumbers || acceptsAnything => value,
        _ when acceptsAnything => value,
        _ => ThrowValueConversionError(value),
    };

    public override object? Serialize(object? value) => value;
}
