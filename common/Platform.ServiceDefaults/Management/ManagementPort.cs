using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Health;

namespace Platform.ServiceDefaults.Management;

/// <summary>
/// With <c>Platform:ManagementPort</c> set (and the host listening on it as well as on its public port), health and
/// metrics answer only on that port and everything else only on the others. Metrics are tagged by project, so on a
/// public port anyone could read every tenant's traffic; and a probe or scraper on the management port never reaches
/// the API. The split is by the connection's local port, not the Host header, which the client chooses.
/// Without the setting (a bare run), one port serves the API and health, and metrics are not served (decision 0088).
/// </summary>
public static class ManagementPort
{
    public const string Setting = "Platform:ManagementPort";

    public static readonly string[] Paths = [HealthEndpoints.Liveness, HealthEndpoints.Readiness, ServiceDefaultsExtensions.MetricsPath];

    public static bool IsConfigured(IConfiguration configuration) => configuration.GetValue<int?>(Setting) is not null;

    public static bool IsManagementPath(PathString path)
    {
        foreach (var p in Paths)
        {
            if (path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds the split at the head of the pipeline when the setting is present.</summary>
    public static WebApplication UseManagementPort(this WebApplication app)
    {
        if (app.Configuration.GetValue<int?>(Setting) is not { } port)
        {
            return app;
        }

        app.Use((http, next) =>
        {
            if ((http.Connection.LocalPort == port) != IsManagementPath(http.Request.Path))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(http);
        });

        // A management port that is not listened on leaves the probes failing with nothing in the log to say why.
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            if (!addresses.Any(a => BindingAddress.Parse(a).Port == port))
            {
                app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ManagementPort))
                    .LogCritical("{Setting} is {Port}, but the host listens only on {Addresses}; stopping", Setting, port, string.Join(", ", addresses));
                app.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
            }
        });
        return app;
    }
}
