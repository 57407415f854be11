using Platform.DataPlane.Execution.Jwt;
using Platform.DataPlane.Planning.Plans;

namespace Platform.DataPlane.Execution;

public sealed partial class GraphQLService
{
    /// <summary>
    /// Fields without JWT values are passed through untouched; only those whose plan marks JWT paths are re-written.
    /// A plan can only mark paths when the schema was built with a JWT type, which requires a signer.
    /// </summary>
    private ReadOnlyMemory<byte>? MintTokens(RootFieldPlan field, ReadOnlyMemory<byte>? value) =>
        field.HasJwtTokens ? JwtTokenRewriter.Rewrite(value, field.JwtTokenPaths!, jwtSigner!) : value;
}
