using Platform.Gateway.Keys;
using Platform.Gateway.Routing;
using Platform.Metadata.Hosting;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.InternalAuth;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("gateway");
builder.WebHost.ConfigureKestrel(k =>
{
    k.Limits.MaxRequestBodySize = GatewayLimits.MaxBodyBytes;
    k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
    k.Limits.MaxRequestLineSize = 8 * 1024;
});
builder.Services.AddPlatformMetadata(builder.Configuration, "platform-gateway");
builder.Services.AddReverseProxy();
builder.Services.AddSingleton(new InternalRequestSigner(builder.Configuration["Platform:InternalSecret"] ?? ""));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<ApiKeyCache>();
builder.Services.AddSingleton<SiloDirectory>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<SiloDirectory>());
builder.Services.AddSingleton<ProjectForwarder>();
builder.Services.AddHealthChecks().AddCheck<SiloDirectoryHealthCheck>("silos", tags: ["ready"]);

var app = builder.Build();
app.MapServiceDefaults();
app.MapProjectRoutes();
await app.RunAsync();
