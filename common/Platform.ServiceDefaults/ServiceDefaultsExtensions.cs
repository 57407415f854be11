using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Platform.Errors;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Health;
using Platform.ServiceDefaults.Management;

namespace Platform.ServiceDefaults;

/// <summary>What every platform host shares: structured logs, OpenTelemetry metrics, liveness and readiness.</summary>
public static class ServiceDefaultsExtensions
{
    public const string MetricsPath = "/metrics";

    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddMeter("Platform.*")
                .AddMeter("Npgsql")
                // The runtime's own meter: GC, allocation, thread pool and lock contention, for operators and the benchmark.
                .AddMeter("System.Runtime")
                // No scrape cache: a scrape shows what happened up to that moment (tests read counters right after acting).
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));

        // Traces join gateway → silo → PostgreSQL: ASP.NET Core continues the caller's traceparent, the HttpClient span
        // (System.Net.Http) is the parent the gateway sends the silo, Orleans carries the context across grain calls,
        // and Npgsql's own source adds the statements. Only where an OTLP endpoint is configured
        // (OTEL_EXPORTER_OTLP_ENDPOINT): a listener without an exporter still samples every span, tags it and throws it
        // away, which was a measurable share of a small request. ASP.NET Core still starts its request activity for the
        // logs, so trace ids in logs and request ids keep following the caller's traceparent.
        if (TracesExported(builder.Configuration))
        {
            telemetry.WithTracing(t => t
                .AddAspNetCoreInstrumentation()
                .AddSource("Platform.*", "Npgsql", "Microsoft.Orleans.Application", "System.Net.Http")
                .AddOtlpExporter());
        }

        builder.Services.AddHealthChecks();
        return builder;
    }

    /// <summary>Whether this host exports traces; hosts add their own trace plumbing (e.g. Orleans call filters) only then.</summary>
    public static bool TracesExported(IConfiguration configuration) => !string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    /// <summary>
    /// /healthz answers while the process runs; /readyz runs every check tagged "ready"; /metrics for Prometheus; all
    /// three on the management port alone when one is set (<see cref="ManagementPort"/>). Without one, /metrics is not
    /// served at all (404; decision 0088): its series are labelled by project, and a host's only port is its public one.
    /// Call first, so the split runs ahead of the host's own middleware.
    /// </summary>
    /// <param name="app">The host.</param>
    /// <param name="renderUnexpected">
    /// The host's error shape for an unexpected exception (INTERNAL_ERROR); the gateway's JSON unless given (the control
    /// plane passes <see cref="ProblemJson.Render"/>).
    /// </param>
    public static WebApplication MapServiceDefaults(this WebApplication app, Func<PlatformError, RenderedError>? renderUnexpected = null)
    {
        app.UseManagementPort();
        // An unexpected exception answers with the platform's error shape, never a stack trace or driver text.
        var unexpected = (renderUnexpected ?? GatewayErrorJson.Render)(new PlatformError(ErrorCodes.InternalError, "The request failed inside the platform."));
        app.UseExceptionHandler(error => error.Run(context => context.Response.WriteErrorAsync(unexpected)));
        app.MapHealthEndpoints();
        if (ManagementPort.IsConfigured(app.Configuration))
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath);
        }
        else
        {
            // Answered here, ahead of the host's own routes (the portal's and control plane's fallbacks would serve a page).
            app.Use((http, next) =>
            {
                if (http.Request.Path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase))
                {
                    http.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }

                return next(http);
            });
        }

        return app;
    }
}
