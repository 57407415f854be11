using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Platform.DataPlane.Grains.Hosting;
using Platform.Testing.Hosting;

namespace Platform.DataPlane.Tests.Clustering;

/// <summary>One Orleans silo in its own generic host, clustered through PostgreSQL the way the silo host does it.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost host;
    private bool stopped;

    private TestSilo(IHost host, RecordingFatalErrorHandler fatalErrors)
    {
        this.host = host;
        FatalErrors = fatalErrors;
        Address = host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
    }

    public SiloAddress Address { get; }

    public RecordingFatalErrorHandler FatalErrors { get; }

    public IGrainFactory Grains => host.Services.GetRequiredService<IGrainFactory>();

    public IClusterMembershipService Membership => host.Services.GetRequiredService<IClusterMembershipService>();

    public static async Task<TestSilo> StartAsync(string connectionString, string clusterId, string name)
    {
        var fatalErrors = new RecordingFatalErrorHandler();
        var siloPort = FreePort.Next();
        var gatewayPort = FreePort.Next();
        var host = new HostBuilder()
            .ConfigureLogging(l => l.ClearProviders())
            .ConfigureServices(s => s.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20)))
            .UseOrleans(silo => silo
                .UsePlatformPostgresClustering(connectionString, clusterId, serviceId: "platform-tests")
                .ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort)
                .Configure<SiloOptions>(o => o.SiloName = name)
                .Configure<ClusterMembershipOptions>(o =>
                {
                    // Fast enough that a lost silo is voted dead in seconds, slow enough that a busy 2-core
                    // machine does not miss three probes in a row from a healthy one.
                    o.ProbeTimeout = TimeSpan.FromSeconds(1);
                    o.NumMissedProbesLimit = 3;
                    o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
                    o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
                    o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(30);
                    o.MaxJoinAttemptTime = TimeSpan.FromSeconds(30);
                })
                .ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton<IFatalErrorHandler>(fatalErrors))))
            .Build();

        try
        {
            using var startup = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await host.StartAsync(startup.Token);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new TestSilo(host, fatalErrors);
    }

    /// <summary>Graceful shutdown: the silo deactivates its grains and marks itself Dead in the table.</summary>
    public async Task StopAsync()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StopAsync(cts.Token);
        host.Dispose();
    }

    /// <summary>
    /// The nearest to a crash inside one process: the host is torn down without its stop sequence, so the silo never
    /// announces its departure and the survivors must notice through failed probes and vote it dead.
    /// </summary>
    public void Kill()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        host.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }
}
