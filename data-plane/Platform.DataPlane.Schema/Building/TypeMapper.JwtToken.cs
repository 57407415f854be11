using Platform.DataPlane.Introspection.Model;
using Platform.DataPlane.Schema.Inflection;
using Platform.DataPlane.Schema.Model;
using ValueType = Platform.DataPlane.Schema.Model.ValueType;

namespace Platform.DataPlane.Schema.Building;

/// <summary>
/// The configured JWT type (PostGraphile's <c>jwtPgTypeIdentifier</c>) is checked before the generic composite case,
/// so it stays one scalar however ordinary composite types are exposed.
/// </summary>
internal sealed partial class TypeMapper
{
    private readonly JwtTokenIdentifier? jwtTokenType;

    /// <summary>
    /// A scalar named as PostGraphile v4 names it (the type's table-type inflection: <c>jwt_token</c> → <c>JwtToken</c>,
    /// or its <c>@name</c>). A configured type that does not exist is not an error: nothing returns it, so nothing is minted.
    /// </summary>
    private ValueType? JwtToken(PgType t)
    {
        if (jwtTokenType is null || t.Kind != "c" || t.Schema != jwtTokenType.Schema || t.Name != jwtTokenType.Name)
        {
            return null;
        }

        var name = SmartComment.Parse(t.Comment).Name ?? t.Name;
        return new ValueType(ScalarKind.JwtToken, Inflector.PascalCase(Inflector.SingularTableName(name)), t.SqlName);
    }
}
