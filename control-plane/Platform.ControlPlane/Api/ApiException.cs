namespace Platform.ControlPlane.Api;

/// <summary>
/// An answer other than success, thrown from anywhere under /api and written once, as problem+json, by
/// <see cref="ProblemWriter"/>. <see cref="Errors"/> maps field paths to messages for VALIDATION_FAILED.
/// </summary>
public sealed class ApiException(int status, string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    : Exception(detail)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public IReadOnlyDictionary<string, string[]>? Errors { get; } = errors;

    public static ApiException NotFound(string what = "The resource does not exist.") => new(404, "NOT_FOUND", what);

    public static ApiException Forbidden(string detail = "Your role in this team does not allow this.") => new(403, "FORBIDDEN", detail);

    public static ApiException Unauthenticated(string detail = "Sign in: send a valid bearer token.") => new(401, "UNAUTHENTICATED", detail);

    public static ApiException Conflict(string code, string detail) => new(409, code, detail);

    public static ApiException Invalid(string field, string message) =>
        new(400, "VALIDATION_FAILED", $"{field}: {message}", new Dictionary<string, string[]> { [field] = [message] });

    public static ApiException Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(400, "VALIDATION_FAILED", "Some fields are invalid: " + string.Join(", ", errors.Keys) + ".", errors);
}
