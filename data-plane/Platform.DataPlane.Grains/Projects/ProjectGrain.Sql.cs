using System.Diagnostics;
using Platform.DataPlane.Abstractions.Projects;
using Platform.DataPlane.Grains.Tenants;
using Platform.DataPlane.SqlHttp;

namespace Platform.DataPlane.Grains.Projects;

public sealed partial class ProjectGrain
{
    public async Task<HttpResult> ExecuteSql(SqlCall call)
    {
        var started = Stopwatch.GetTimestamp();
        HttpResult result;
        if (call.KeyRole != "service")
        {
            // The gateway already refuses anon keys; this is the second lock on the same door.
            result = TenantErrors.Error(403, "FORBIDDEN", "SQL over HTTP needs a service key.", null);
        }
        else if (hostRefusal is not null)
        {
            result = HostRefused();
        }
        else if (!await LoginAllowedAsync(CancellationToken.None))
        {
            result = LoginBlocked();
        }
        else
        {
            var source = tenant;
            var response = await Task.Run(() => SqlHttpExecutor.ExecuteAsync(source, call.Body, new SqlHttpOptions(config.Settings.MaxResponseBytes), CancellationToken.None));
            result = new HttpResult(response.StatusCode, "application/json; charset=utf-8", response.Body, response.RetryAfterSeconds);
        }

        Record("sql", result, started);
        return result;
    }
}
