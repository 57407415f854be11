using Microsoft.Extensions.Primitives;
using Orleans.Runtime;
using Platform.DataPlane.Abstractions.Projects;
using Platform.DataPlane.Grains.Projects;
using Platform.DataPlane.SqlHttp.Neon;
using Platform.Errors;
using Platform.Metadata.Keys;
using Platform.ServiceDefaults.InternalAuth;

namespace Platform.DataPlane.Silo.Http;

/// <summary>
/// The silo's HTTP surface. Only the gateway may call it: each request carries the project and key role in
/// headers signed with the internal secret over the whole request (decision 0087), and anything unsigned, signed for
/// another request or too old is refused before a grain is touched.
/// Errors take the shape of the surface asked: GraphQL's on /graphql (and the internal status and reload), Neon's on /sql.
/// </summary>
public static class ProjectEndpoints
{
    private const int MaxBodyBytes = 1 << 20;

    private static readonly Func<PlatformError, RenderedError> GraphQLShape = e => GraphQLErrorJson.Render(e);
    private static readonly Func<PlatformError, RenderedError> SqlShape = e => SqlHttpErrorJson.Render(e);

    public static WebApplication MapProjectEndpoints(this WebApplication app)
    {
        app.MapMethods("/internal/projects/{projectId:guid}/graphql", ["GET", "POST"], GraphQLAsync);
        app.MapPost("/internal/projects/{projectId:guid}/sql", SqlAsync);
        app.MapGet("/internal/projects/{projectId:guid}/status", StatusAsync);
        app.MapPost("/internal/projects/{projectId:guid}/reload", ReloadAsync);
        return app;
    }

    /// <summary>Which silo hosts the project's grain (activating it if needed): the gateway routes with this.</summary>
    private static async Task StatusAsync(HttpContext http, Guid projectId, ProjectGrainReferences grains, InternalRequestSigner signer)
    {
        if (await AuthorizeAsync(http, projectId, signer, ReadOnlyMemory<byte>.Empty, DateTimeOffset.UtcNow, GraphQLShape) is null)
        {
            return;
        }

        try
        {
            var status = await grains.Get(projectId).GetStatus();
            await http.Response.WriteAsJsonAsync(status);
        }
        catch (ProjectNotFoundException)
        {
            await WriteAsync(http, HttpResult.From(GraphQLShape(ProjectNotFound())));
        }
    }

    /// <summary>
    /// Refuses, before its body is read, a request whose timestamp alone rules it out: unsigned, or signed outside the
    /// window (a replay). The signature itself covers the body, so it is checked once the body is in (<see cref="AuthorizeAsync"/>).
    /// </summary>
    private static async Task<bool> FreshAsync(HttpContext http, InternalRequestSigner signer, DateTimeOffset receivedAt, Func<PlatformError, RenderedError> render)
    {
        var status = signer.CheckTimestamp(http.Request.Headers[InternalHeaders.Timestamp], receivedAt);
        if (status == InternalSignatureStatus.Valid)
        {
            return true;
        }

        await RefuseAsync(http, status, render);
        return false;
    }

    /// <summary>The key role the gateway vouched for this very request (method, path, query, Authorization, body), or null with the request refused.</summary>
    private static async Task<ApiKeyRole?> AuthorizeAsync(
        HttpContext http, Guid projectId, InternalRequestSigner signer, ReadOnlyMemory<byte> body, DateTimeOffset receivedAt, Func<PlatformError, RenderedError> render)
    {
        var status = Check(http, projectId, signer, body.Span, receivedAt, out var role);
        if (status == InternalSignatureStatus.Valid)
        {
            return role;
        }

        await RefuseAsync(http, status, render);
        return null;
    }

    private static InternalSignatureStatus Check(HttpContext http, Guid projectId, InternalRequestSigner signer, ReadOnlySpan<byte> body, DateTimeOffset receivedAt, out ApiKeyRole role)
    {
        role = default;
        var request = http.Request;
        var h = request.Headers;
        var status = signer.Verify(h[InternalHeaders.ProjectId], h[InternalHeaders.KeyRole], h[InternalHeaders.Timestamp], h[InternalHeaders.Signature],
            request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", h.Authorization.ToString(), body, receivedAt);
        if (status == InternalSignatureStatus.Valid
            && (h[InternalHeaders.ProjectId] != projectId.ToString() || !ApiKeyRoles.TryParse(h[InternalHeaders.KeyRole], out role)))
        {
            return InternalSignatureStatus.Invalid;
        }

        return status;
    }

    private static Task RefuseAsync(HttpContext http, InternalSignatureStatus status, Func<PlatformError, RenderedError> render) =>
        WriteAsync(http, HttpResult.From(render(status == InternalSignatureStatus.Expired
            ? new PlatformError(ErrorCodes.SignatureExpired, "The gateway's signature on this request is too old.")
            : new PlatformError(ErrorCodes.UnsignedRequest, "Requests must come through the gateway."))));

    private static async Task GraphQLAsync(HttpContext http, Guid projectId, ProjectGrainReferences grains, LocalProjectGrains local, InternalRequestSigner signer)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        if (!await FreshAsync(http, signer, receivedAt, GraphQLShape))
        {
            return;
        }

        var h = http.Request.Headers;
        if (http.WebSockets.IsWebSocketRequest)
        {
            // An upgrade has no body: its signature binds the empty one.
            if (await AuthorizeAsync(http, projectId, signer, ReadOnlyMemory<byte>.Empty, receivedAt, GraphQLShape) is { } socketRole)
            {
                await WebSockets.GraphQLWsEndpoint.RunAsync(http, projectId, socketRole);
            }

            return;
        }

        var body = await ReadBodyAsync(http.Request);
        if (body is null)
        {
            await WriteAsync(http, HttpResult.From(GraphQLShape(BodyTooLarge())));
            return;
        }

        if (await AuthorizeAsync(http, projectId, signer, body, receivedAt, GraphQLShape) is not { } role)
        {
            return;
        }

        var call = new GraphQLCall(http.Request.Method, http.Request.ContentType, h.Accept.ToString() is { Length: > 0 } a ? a : null,
            body, http.Request.QueryString.HasValue ? http.Request.QueryString.Value : null, role,
            h.Authorization.ToString() is { Length: > 0 } auth ? auth : null);
        // The project's activation may live in this silo: then it serves the request without an Orleans message.
        // The request's abort travels with the call (locally, or as an Orleans grain call's token): a client that goes
        // away cancels its statement in PostgreSQL.
        var aborted = http.RequestAborted;
        await WriteAsync(http, await CallAsync(() => local.Find(projectId)?.TryExecuteLocally(call, aborted) ?? grains.Get(projectId).ExecuteGraphQL(call, aborted), GraphQLShape));
    }

    private static async Task SqlAsync(HttpContext http, Guid projectId, ProjectGrainReferences grains, InternalRequestSigner signer)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        if (!await FreshAsync(http, signer, receivedAt, SqlShape))
        {
            return;
        }

        var body = await ReadBodyAsync(http.Request);
        if (body is null)
        {
            await WriteAsync(http, HttpResult.From(SqlShape(BodyTooLarge())));
            return;
        }

        if (await AuthorizeAsync(http, projectId, signer, body, receivedAt, SqlShape) is not { } role)
        {
            return;
        }

        var h = http.Request.Headers;
        Dictionary<string, string>? neon = null;
        foreach (var name in NeonHeaders.Names)
        {
            if (h[name].ToString() is { Length: > 0 } value)
            {
                (neon ??= new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase))[name] = value;
            }
        }

        var call = new SqlCall(body, role, neon, h.Authorization.ToString() is { Length: > 0 } auth ? auth : null);
        await WriteAsync(http, await CallAsync(() => grains.Get(projectId).ExecuteSql(call, http.RequestAborted), SqlShape));
    }

    /// <summary>Asks the project's grain to re-read its catalog now (the control plane calls this after a migration).</summary>
    private static async Task ReloadAsync(HttpContext http, Guid projectId, ProjectGrainReferences grains, InternalRequestSigner signer)
    {
        if (await AuthorizeAsync(http, projectId, signer, ReadOnlyMemory<byte>.Empty, DateTimeOffset.UtcNow, GraphQLShape) is null)
        {
            return;
        }

        var result = await CallAsync(async () =>
        {
            await grains.Get(projectId).Reload();
            return new HttpResult(204, "application/json", []);
        }, GraphQLShape);
        await WriteAsync(http, result);
    }

    /// <summary>Calls the grain and turns the cluster's own failures into the platform's stable answers.</summary>
    private static async Task<HttpResult> CallAsync(Func<Task<HttpResult>> call, Func<PlatformError, RenderedError> render)
    {
        try
        {
            return await call();
        }
        catch (ProjectNotFoundException)
        {
            return HttpResult.From(render(ProjectNotFound()));
        }
        catch (OperationCanceledException)
        {
            // The request's abort cancels these calls, and then nobody reads this (WriteAsync skips it); anything else is a bug.
            return HttpResult.From(render(new PlatformError(ErrorCodes.InternalError, "The request was cancelled.")));
        }
        catch (Npgsql.NpgsqlException)
        {
            // Activation reads the project from the metadata database; the tenant database never fails activation.
            return HttpResult.From(render(new PlatformError(ErrorCodes.PlatformUnavailable, "The platform's metadata database is not reachable.")));
        }
        catch (Exception e) when (e is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException)
        {
            // The grain's silo just died or is leaving; the cluster re-activates it elsewhere within seconds.
            return HttpResult.From(render(new PlatformError(ErrorCodes.ProjectMoving, "The project is moving to another silo; retry shortly.")));
        }
    }

    private static PlatformError ProjectNotFound() => new(ErrorCodes.ProjectNotFound, "The project does not exist.");

    private static PlatformError BodyTooLarge() => new(ErrorCodes.BodyTooLarge, "The request body is over 1 MiB.");

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength is { } length)
        {
            if (length > MaxBodyBytes)
            {
                return null;
            }

            // The gateway forwards a known length: read straight into the array the grain gets, with no chunk buffer and
            // no copy. A body shorter than its Content-Length fails in Kestrel, as it did with the loop below.
            var body = new byte[length];
            await request.Body.ReadExactlyAsync(body);
            return body;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int n;
        while ((n = await request.Body.ReadAsync(chunk)) > 0)
        {
            if (buffer.Length + n > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }

    private static async Task WriteAsync(HttpContext http, HttpResult result)
    {
        if (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away: its statement was cancelled and there is nobody to answer.
            return;
        }

        http.Response.StatusCode = result.StatusCode;
        http.Response.ContentType = result.ContentType;
        if (result.RetryAfterSeconds is { } retry)
        {
            http.Response.Headers.RetryAfter = new StringValues(retry.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        // A known length spares Kestrel the chunked framing (chunk headers and the closing chunk). 204 (reload) has no
        // body and must not carry a length.
        if (result.StatusCode != StatusCodes.Status204NoContent)
        {
            http.Response.ContentLength = result.Body.Length;
        }

        await http.Response.Body.WriteAsync(result.Body);
    }
}
