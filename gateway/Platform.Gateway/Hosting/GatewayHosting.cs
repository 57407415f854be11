using Microsoft.Extensions.Options;
using Platform.Gateway.Admission;
using Platform.Gateway.Cors;
using Platform.Gateway.Keys;
using Platform.Gateway.Limits;
using Platform.Gateway.Observability;
using Platform.Gateway.Routing;
using Platform.Gateway.WebSockets;
using Platform.Metadata.Hosting;
using Platform.Metadata.Usage;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.InternalAuth;

namespace Platform.Gateway.Hosting;

/// <summary>The gateway's services and pipeline, so <c>Program.cs</c> reads in a glance.</summary>
internal static class GatewayHosting
{
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults("gateway");
        // Their lines carry the request line and URL as sent, api_key included; keys are never logged, so they are not
        // written at any configured level (provider rules win over the Logging:LogLevel ones). The gateway's own
        // metrics and usage say what they would.
        foreach (var category in new[] { "Microsoft.AspNetCore.Hosting.Diagnostics", "Microsoft.AspNetCore.Server.Kestrel.BadRequests" })
        {
            builder.Logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(category, LogLevel.Warning);
        }

        var section = builder.Configuration.GetSection(GatewayLimitsOptions.Section);
        builder.Services.AddOptions<GatewayLimitsOptions>().Bind(section)
            .Validate(o => !o.Problems().Any(), $"{GatewayLimitsOptions.Section} is invalid: check each value against GatewayLimitsOptions.")
            .ValidateOnStart();
        var limits = section.Get<GatewayLimitsOptions>() ?? new GatewayLimitsOptions();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = limits.MaxBodyBytes;
            // HTTP/2's, per connection; HTTP/1.x requests get their project's own once admitted.
            k.Limits.MinRequestBodyDataRate = new Microsoft.AspNetCore.Server.Kestrel.Core.MinDataRate(limits.MinBodyBytesPerSecond, limits.MinBodyGracePeriod);
            // Hard stops; RequestSizeLimits answers below them with the gateway's JSON errors.
            k.Limits.MaxRequestHeadersTotalSize = limits.MaxHeaderBytes * 2;
            k.Limits.MaxRequestLineSize = limits.MaxUrlBytes * 2;
        });

        var services = builder.Services;
        services.AddPlatformMetadata(builder.Configuration, "platform-gateway");
        // The forwarder alone: the gateway routes by key and project itself, so YARP's route and cluster configuration is not used.
        services.AddHttpForwarder();
        services.AddInternalSigning(builder.Configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<KnownKeyFilter>();
        services.AddSingleton<ApiKeyCache>();
        services.AddSingleton<OpenSocketRegistry>();
        services.AddHostedService<KeyRevocationListener>();
        services.AddHostedService<SocketRevalidator>();
        services.AddSingleton<SiloDirectory>();
        services.AddHostedService(sp => sp.GetRequiredService<SiloDirectory>());
        services.AddSingleton<SiloHttpClient>();
        services.AddSingleton<HostingSiloCache>();
        services.AddSingleton<ProjectLimiters>();
        services.AddSingleton<RequestAdmission>();
        services.AddSingleton<ProjectForwarder>();
        services.AddSingleton<ProjectHosts>();
        services.AddSingleton<KeyInInitSockets>();
        services.AddSingleton<CorsHeaders>();
        services.AddSingleton<RequestGate>();
        services.AddSingleton<GatewayTelemetry>();
        services.AddUsageRecording(builder.Configuration, "gateway", keyUse: true);
        services.AddHealthChecks().AddCheck<SiloDirectoryHealthCheck>("silos", tags: ["ready"]);
        return builder;
    }

    public static WebApplication UseGateway(this WebApplication app)
    {
        // Created now so its observable instruments exist before the first scrape.
        app.Services.GetRequiredService<GatewayTelemetry>();
        app.MapServiceDefaults();
        app.UseMiddleware<GatewayRequestMiddleware>();
        app.UseMiddleware<RequestSizeLimits>();
        app.UseProjectRoutes();

        // Routing after the public endpoints, so only health and metrics requests pay for it.
        app.UseRouting();
        return app;
    }
}
