using System.Net;
using Orleans.Configuration;
using Platform.DataPlane.Grains.Projects;
using Platform.DataPlane.Silo.Http;
using Platform.DataPlane.Silo.WebSockets;
using Platform.Metadata;
using Platform.Metadata.Hosting;
using Platform.Metadata.Usage;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.InternalAuth;

namespace Platform.DataPlane.Silo.Hosting;

/// <summary>The silo's services, Orleans and pipeline, so <c>Program.cs</c> reads in a glance.</summary>
internal static class SiloHosting
{
    public static WebApplicationBuilder AddProjectSilo(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults("data-plane-silo");
        var configuration = builder.Configuration;
        var services = builder.Services;
        var section = configuration.GetSection(SiloHostOptions.Section);
        var silo = section.Get<SiloHostOptions>() ?? new SiloHostOptions();
        if (string.Join(" ", silo.Problems()) is { Length: > 0 } problems)
        {
            // Orleans is configured from these values before the host exists, so they are checked here, not later.
            throw new InvalidOperationException($"{SiloHostOptions.Section}: {problems}");
        }

        services.AddPlatformMetadata(configuration, "platform-silo");
        services.AddInternalSigning(configuration);
        services.AddHostedService<SiloHeartbeat>();
        services.AddUsageRecording(configuration, "silo", keyUse: false);
        services.AddHostedService<SiloUsageListener>();
        services.AddSingleton<ProjectGrainReferences>();
        services.AddSingleton<LocalProjectGrains>();
        services.AddSingleton<SchemaLoader>();
        services.AddSingleton<ProjectChangeFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<ProjectChangeFeed>());
        services.AddSingleton(TimeProvider.System);
        services.Configure<ProjectGrainOptions>(section.GetSection("Projects"));
        services.PostConfigure<ProjectGrainOptions>(o => o.AllowPrivateTenantHosts ??= builder.Environment.IsDevelopment());
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ProjectGrainOptions>>().Value.HostGuard());
        services.AddOptions<GraphQLWsOptions>().Bind(section.GetSection("WebSockets")).Validate(o => { o.Validate(); return true; }).ValidateOnStart();
        services.AddHealthChecks().AddCheck<SiloHealthCheck>("orleans-silo", tags: ["ready"]);

        var metadata = PostgresConnectionString.Normalize(configuration.GetConnectionString("Metadata")
            ?? throw new InvalidOperationException("ConnectionStrings:Metadata is not configured."));
        var tracing = ServiceDefaultsExtensions.TracesExported(configuration);
        var projects = section.GetSection("Projects").Get<ProjectGrainOptions>() ?? new ProjectGrainOptions();
        builder.UseOrleans(orleans =>
        {
            orleans.UsePlatformPostgresClustering(metadata, silo.ClusterId, silo.ServiceId)
                .ConfigureEndpoints(IPAddress.Parse(silo.AdvertisedIp), silo.Port, silo.GatewayPort, listenOnAnyHostAddress: silo.ListenOnAnyAddress)
                // Operators (and tests) tune failure detection here; unset keys keep Orleans' defaults.
                .Configure<ClusterMembershipOptions>(section.GetSection("Membership"))
                .Configure<GrainCollectionOptions>(o =>
                {
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
        services.AddSingleton(silo);
        return builder;
    }

    public static WebApplication UseProjectSilo(this WebApplication app)
    {
        ShutdownWatchdog.Arm(app.Lifetime, app.Services.GetRequiredService<SiloHostOptions>().ShutdownLimit, app.Logger);
        app.UseWebSockets();
        app.MapServiceDefaults();
        app.MapProjectEndpoints();
        return app;
    }
}
