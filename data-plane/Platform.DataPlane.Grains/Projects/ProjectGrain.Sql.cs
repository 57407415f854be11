using System.Diagnostics;
using Platform.DataPlane.Abstractions.Projects;
using Platform.DataPlane.Grains.Tenants;
using Platform.DataPlane.SqlHttp;
using Platform.DataPlane.SqlHttp.Neon;
using Platform.Errors;
using Platform.Metadata.Keys;

namespace Platform.DataPlane.Grains.Projects;

public sealed partial class ProjectGrain
{
    public async Task<HttpResult> ExecuteSql(SqlCall call, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        HttpResult result;
        if (hostRefusal is not null)
        {
            result = HttpResult.From(SqlHttpErrorJson.Render(HostRefused()));
        }
        else if (!await LoginAllowedAsync(CancellationToken.None))
        {
            result = HttpResult.From(SqlHttpErrorJson.Render(LoginBlocked()));
        }
        else
        {
            result = await RunSqlAsync(call, cancellationToken);
        }

        Record("sql", result, started);
        return result;
    }

    /// <summary>
    /// Service keys run as the project's owner role (or a token's role); anon keys only with an end-user token and where
    /// the project allows it, as the token's role with its claims, through the same verification GraphQL uses.
    /// </summary>
    /// <remarks>The token is the HTTP request's abort: a client that goes away cancels its statement (Npgsql asks the server).</remarks>
    private async Task<HttpResult> RunSqlAsync(SqlCall call, CancellationToken cancellationToken)
    {
        var service = call.KeyRole == ApiKeyRole.Service;
        if (!service)
        {
            // The gateway refuses anon keys without a token; this is the second lock on the same door.
            if (string.IsNullOrWhiteSpace(call.Authorization))
            {
                return Refused(ErrorCodes.Forbidden, "SQL over HTTP needs a service key, or an anon key with an end-user token where the project allows it.");
            }

            if (config.Settings.Sql is not { AllowEndUserTokens: true })
            {
                return Refused(ErrorCodes.Forbidden, "This project does not accept end-user tokens on SQL over HTTP (settings: sql.allowEndUserTokens).");
            }
        }

        var identity = await this.identity.ResolveAsync(call.KeyRole, call.Authorization);
        if (identity.Refused)
        {
            return HttpResult.From(SqlHttpErrorJson.Render(identity.Error!));
        }

        // The project's one pool, so its cap holds for GraphQL and SQL together; the runner leaves nothing prepared (decision 0050).
        var source = tenant;
        var context = new SqlHttpContext(call.NeonHeaders, identity.Session, EndUser: !service);
        var response = await Task.Run(() => SqlHttpExecutor.ExecuteAsync(source, call.Body, new SqlHttpOptions(config.Settings.MaxResponseBytes), context, cancellationToken));
        return new HttpResult(response.StatusCode, "application/json; charset=utf-8", response.Body, response.RetryAfterSeconds, response.ErrorCode);
    }

    private static HttpResult Refused(string code, string message) => HttpResult.From(SqlHttpErrorJson.Render(new PlatformError(code, message)));
}
