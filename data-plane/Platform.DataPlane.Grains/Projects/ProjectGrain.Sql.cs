using System.Diagnostics;
using Platform.DataPlane.Abstractions.Projects;
using Platform.Errors;
using Platform.DataPlane.SqlHttp;

namespace Platform.DataPlane.Grains.Projects;

public sealed partial class ProjectGrain
{
    private static readonly SqlHttpOptions SqlOptions = new();

    public async Task<HttpResult> ExecuteSql(SqlCall call)
    {
        var started = Stopwatch.GetTimestamp();
        HttpResult result;
        if (call.KeyRole != "service")
        {
            // The gateway already refuses anon keys; this is the second lock on the same door.
            result = HttpResult.From(SqlHttpErrorJson.Render(new PlatformError(ErrorCodes.Forbidden, "SQL over HTTP needs a service key.")));
        }
        else if (hostRefusal is not null)
        {
            result = HttpResult.From(SqlHttpErrorJson.Render(HostRefused()));
        }
        else if (!await LoginAllowedAsync(CancellationToken.None))
        {
            result = LoginBlocked();
        }
        else
        {
            var source = tenant;
            var response = await Task.Run(() => SqlHttpExecutor.ExecuteAsync(source, call.Body, SqlOptions, CancellationToken.None));
            result = new HttpResult(response.StatusCode, "application/json; charset=utf-8", response.Body, response.RetryAfterSeconds, response.ErrorCode);
        }

        Record("sql", result, started);
        return result;
    }
}
