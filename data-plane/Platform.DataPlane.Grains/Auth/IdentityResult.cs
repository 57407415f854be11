using Platform.DataPlane.Execution;
using Platform.Errors;

namespace Platform.DataPlane.Grains.Auth;

/// <summary>The session a request runs as, or why it is refused.</summary>
public sealed record IdentityResult(GraphQLSession? Session, PlatformError? Error)
{
    public bool Refused => Error is not null;

    public static IdentityResult Ok(GraphQLSession? session) => new(session, null);

    public static IdentityResult Refuse(string code, string message) => new(null, new PlatformError(code, message));
}
