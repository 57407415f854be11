using Platform.DataPlane.Execution;

namespace Platform.DataPlane.Grains.Auth;

public sealed record IdentityResult(GraphQLSession? Session, int Status, string? Code, string? Message)
{
    public bool Refused => Code is not null;

    public static IdentityResult Ok(GraphQLSession? session) => new(session, 200, null, null);

    public static IdentityResult Refuse(int status, string code, string message) => new(null, status, code, message);
}
