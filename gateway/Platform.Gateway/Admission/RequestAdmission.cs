using Platform.Errors;
using Platform.Gateway.Keys;
using Platform.Gateway.Limits;
using Platform.Metadata.Keys;

namespace Platform.Gateway.Admission;

/// <summary>
/// The one admission step of every public request, HTTP or WebSocket (key in the request or in <c>connection_init</c>):
/// the key, its project, the origin, the key's role for the surface, the project's rate, body size, and a request or
/// WebSocket slot, cheapest first. Each path renders a refusal its own way (JSON error, WebSocket close code).
/// </summary>
internal sealed class RequestAdmission(ApiKeyCache keys, ProjectLimiters limiters)
{
    public const string InvalidKeyMessage = "The API key is missing, unknown, revoked, or not valid for this project.";

    public async ValueTask<AdmissionResult> AdmitAsync(AdmissionRequest request, CancellationToken ct) =>
        Decide(request, await keys.ResolveAsync(request.Key, ct), limiters);

    /// <summary>The decision once the key is looked up (null: missing, unknown, revoked or expired).</summary>
    public static AdmissionResult Decide(in AdmissionRequest request, ResolvedKey? key, ProjectLimiters limiters)
    {
        // Another project's key gets the same answer as an unknown one, so keys cannot probe project ids.
        if (key is null || (request.ProjectId is not null && !string.Equals(request.ProjectId, key.ProjectId, StringComparison.OrdinalIgnoreCase)))
        {
            return AdmissionResult.Reject(new PlatformError(ErrorCodes.InvalidApiKey, InvalidKeyMessage), null);
        }

        var record = key.Record;
        if (request.Origin is { } origin && record.Cors is { AllowsAnyOrigin: false } cors && !cors.Allows(origin))
        {
            return AdmissionResult.Reject(new PlatformError(ErrorCodes.OriginNotAllowed, "This origin may not call the project."), key);
        }

        // An anon key goes on only with an end-user token; the silo checks the token and whether the project allows it.
        if (request.Surface == "sql" && record.Role != ApiKeyRole.Service && !request.HasEndUserToken)
        {
            return AdmissionResult.Reject(new PlatformError(
                ErrorCodes.Forbidden, "SQL over HTTP needs a service key, or an anon key with an end-user token where the project allows it."), key);
        }

        var project = limiters.For(record);
        if (!project.TryTakeToken(out var retryAfter))
        {
            return AdmissionResult.Reject(new PlatformError(
                ErrorCodes.RateLimited, "The project is over its request rate; retry later.", ProjectLimiters.RetryAfterSeconds(retryAfter)), key);
        }

        var maxBody = project.Limits.MaxBodyBytes;
        if (request.ContentLength > maxBody)
        {
            return AdmissionResult.Reject(new PlatformError(ErrorCodes.BodyTooLarge, $"The request body is over {maxBody} bytes."), key);
        }

        if (request.WebSocket)
        {
            return project.TryOpenSocket() is { } slot
                ? AdmissionResult.Admit(new AdmittedRequest(key, request.Surface, project, slot))
                : AdmissionResult.Reject(new PlatformError(ErrorCodes.WebSocketLimit, "The project has too many open WebSockets."), key);
        }

        return project.TryEnterRequest()
            ? AdmissionResult.Admit(new AdmittedRequest(key, request.Surface, project, null))
            : AdmissionResult.Reject(new PlatformError(ErrorCodes.ConcurrencyLimit, "The project has too many requests in flight; retry shortly."), key);
    }
}
