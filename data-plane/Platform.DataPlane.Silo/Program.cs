using System.Net;
using Orleans.Configuration;
using Platform.DataPlane.Grains.Projects;
using Platform.DataPlane.Silo.Hosting;
using Platform.DataPlane.Silo.Http;
using Platform.DataPlane.Silo.WebSockets;
using Platform.Metadata;
using Platform.Metadata.Hosting;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.InternalAuth;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("data-plane-silo");
builder.Services.AddPlatformMetadata(builder.Configuration, "platform-silo");
builder.Services.AddSingleton(new InternalRequestSigner(builder.Configuration["Platform:InternalSecret"] ?? ""));
builder.Services.AddHostedService<SiloHeartbeat>();
builder.Services.AddSingleton<ProjectGrainReferences>();
builder.Services.AddSingleton<SchemaLoader>();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.Configure<ProjectGrainOptions>(builder.Configuration.GetSection("Platform:Silo:Projects"));
builder.Services.PostConfigure<ProjectGrainOptions>(o => o.AllowPrivateTenantHosts ??= builder.Environment.IsDevelopment());
builder.Services.AddOptions<GraphQLWsOptions>().Bind(builder.Configuration.GetSection("Platform:Silo:WebSockets")).Validate(o => { o.Validate(); return true; }).ValidateOnStart();
builder.Services.AddHealthChecks().AddCheck<SiloHealthCheck>("orleans-silo", tags: ["ready"]);

var silo = builder.Configuration.GetSection("Platform:Silo");
var metadata = PostgresConnectionString.Normalize(builder.Configuration.GetConnectionString("Metadata")
    ?? throw new InvalidOperationException("ConnectionStrings:Metadata is not configured."));
var tracing = ServiceDefaultsExtensions.TracesExported(builder.Configuration);
builder.UseOrleans(orleans =>
{
    orleans.UsePlatformPostgresClustering(metadata, silo["ClusterId"] ?? "platform", silo["ServiceId"] ?? "platform")
        .ConfigureEndpoints(
            IPAddress.Parse(silo["AdvertisedIp"] ?? "127.0.0.1"),
            silo.GetValue("Port", 11111),
            silo.GetValue("GatewayPort", 30000),
            listenOnAnyHostAddress: silo.GetValue("ListenOnAnyAddress", false))
        // Operators (and tests) tune failure detection here; unset keys keep Orleans' defaults.
        .Configure<ClusterMembershipOptions>(silo.GetSection("Membership"))
        .Configure<GrainCollectionOptions>(o =>
        {
            var projects = silo.GetSection("Projects").Get<ProjectGrainOptions>() ?? new ProjectGrainOptions();
            o.ClassSpecificCollectionAge[typeof(ProjectGrain).FullName!] = projects.IdleTimeout;
            // Idle checks run every quantum; keep it below the idle timeout so short timeouts (tests) are honoured.
            o.CollectionQuantum = TimeSpan.FromTicks(Math.Min(o.CollectionQuantum.Ticks, Math.Max(TimeSpan.FromSeconds(1).Ticks, projects.IdleTimeout.Ticks / 2)));
        });
    if (tracing)
    {
        // The propagation filters wrap every grain call; without an exporter there is no trace to carry.
        orleans.AddActivityPropagation();
    }
});

var app = builder.Build();
ShutdownWatchdog.Arm(app.Lifetime, silo.GetValue("ShutdownLimit", TimeSpan.FromSeconds(25)), app.Logger);
app.UseWebSockets();
app.MapServiceDefaults();
app.MapProjectEndpoints();
await app.RunAsync();
