using Microsoft.Extensions.Options;
using Platform.Gateway.Keys;
using Platform.Gateway.Limits;
using Platform.Gateway.Observability;
using Platform.Gateway.Routing;
using Platform.Gateway.WebSockets;
using Platform.Metadata.Hosting;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.InternalAuth;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("gateway");
var limits = builder.Configuration.GetSection(GatewayLimitsOptions.Section).Get<GatewayLimitsOptions>() ?? new GatewayLimitsOptions();
builder.Services.Configure<GatewayLimitsOptions>(builder.Configuration.GetSection(GatewayLimitsOptions.Section));
builder.WebHost.ConfigureKestrel(k =>
{
    k.Limits.MaxRequestBodySize = limits.MaxBodyBytes;
    // Hard stops; RequestSizeLimits answers below them with the gateway's JSON errors.
    k.Limits.MaxRequestHeadersTotalSize = limits.MaxHeaderBytes * 2;
    k.Limits.MaxRequestLineSize = limits.MaxUrlBytes * 2;
});
builder.Services.AddPlatformMetadata(builder.Configuration, "platform-gateway");
// The forwarder alone: the gateway routes by key and project itself, so YARP's route and cluster configuration is not used.
builder.Services.AddHttpForwarder();
builder.Services.AddSingleton(new InternalRequestSigner(builder.Configuration["Platform:InternalSecret"] ?? ""));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<KnownKeyFilter>();
builder.Services.AddSingleton<ApiKeyCache>();
builder.Services.AddSingleton<OpenSocketRegistry>();
builder.Services.AddHostedService<KeyRevocationListener>();
builder.Services.AddHostedService<SocketRevalidator>();
builder.Services.AddSingleton<SiloDirectory>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<SiloDirectory>());
builder.Services.AddSingleton<SiloHttpClient>();
builder.Services.AddSingleton<HostingSiloCache>();
builder.Services.AddSingleton<ProjectLimiters>();
builder.Services.AddSingleton<ProjectForwarder>();
builder.Services.AddSingleton<ProjectHosts>();
builder.Services.AddSingleton<KeyInInitSockets>();
builder.Services.AddSingleton<Platform.Gateway.Cors.CorsHeaders>();
builder.Services.AddSingleton<RequestGate>();
builder.Services.AddSingleton<GatewayTelemetry>();
builder.Services.AddHealthChecks().AddCheck<SiloDirectoryHealthCheck>("silos", tags: ["ready"]);

var app = builder.Build();
// Created now so its observable instruments exist before the first scrape.
app.Services.GetRequiredService<GatewayTelemetry>();
_ = app.Services.GetRequiredService<IOptions<GatewayLimitsOptions>>().Value;
app.MapServiceDefaults();
app.UseMiddleware<GatewayRequestMiddleware>();
app.UseMiddleware<RequestSizeLimits>();
app.UseProjectRoutes();

// Routing after the public endpoints, so only health and metrics requests pay for it.
app.UseRouting();
await app.RunAsync();
