using Platform.Metadata;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.EndToEnd.Tests.Fixtures;

/// <summary>
/// A real silo and gateway exporting traces over OTLP/HTTP to an <see cref="OtlpTraceReceiver"/> in the test, with a
/// short export delay so a request's spans arrive within a second or so. One project on a tenant database with a table.
/// </summary>
public sealed class TracedPlatform : IAsyncLifetime
{
    public TestDatabase Metadata { get; } = new();

    public TestDatabase Tenant { get; } = new();

    public OtlpTraceReceiver Receiver { get; private set; } = null!;

    public PlatformHosts Hosts { get; private set; } = null!;

    public TestProject Project { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Metadata.InitializeAsync(), Tenant.InitializeAsync());
        await Tenant.ExecuteAsync("CREATE TABLE public.items (id serial PRIMARY KEY, name text); INSERT INTO public.items (name) VALUES ('a')");
        Receiver = await OtlpTraceReceiver.StartAsync();
        await MetadataMigrator.MigrateAsync(Metadata.ConnectionString);
        Hosts = await PlatformHosts.StartAsync(Metadata, silos: 1, new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Receiver.Url,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            // Request logging on, as an operator might turn it on, so a key in a logged URL would show (GatewayTraceTests).
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Information",
        });
        Project = await Hosts.CreateProjectAsync(Tenant.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (Hosts is not null)
        {
            await Hosts.DisposeAsync();
        }

        if (Receiver is not null)
        {
            await Receiver.DisposeAsync();
        }

        await Task.WhenAll(Metadata.DisposeAsync(), Tenant.DisposeAsync());
    }
}
