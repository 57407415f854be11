using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;
using Platform.DataPlane.Silo.Hosting;
using Platform.Testing.Hosting;

namespace Platform.DataPlane.Tests.Clustering;

/// <summary>One Orleans silo in its own generic host, clustered through PostgreSQL the way the silo host does it.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private static readonly TimeSpan ZombieStopWait = TimeSpan.FromSeconds(10);

    private readonly IHost host;
    private readonly TcpCutter? inbound;
    private readonly TcpCutter[] cutters;
    private bool stopped;
    private bool killed;

    private TestSilo(IHost host, RecordingFatalErrorHandler fatalErrors, TcpCutter? inbound, TcpCutter[] cutters)
    {
        this.host = host;
        this.inbound = inbound;
        this.cutters = cutters;
        FatalErrors = fatalErrors;
        Address = host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
    }

    public SiloAddress Address { get; }

    public RecordingFatalErrorHandler FatalErrors { get; }

    public IGrainFactory Grains => host.Services.GetRequiredService<IGrainFactory>();

    public IClusterMembershipService Membership => host.Services.GetRequiredService<IClusterMembershipService>();

    /// <param name="killable">
    /// Route the silo's inbound silo traffic and its PostgreSQL connections through <see cref="TcpCutter"/>s so that
    /// <see cref="Kill"/> can make it vanish without running any of its shutdown code.
    /// </param>
    public static async Task<TestSilo> StartAsync(string connectionString, string clusterId, string name, bool killable = false)
    {
        var fatalErrors = new RecordingFatalErrorHandler();
        var listenPort = FreePort.Next();
        var gatewayPort = FreePort.Next();
        var cutters = new List<TcpCutter>();
        var advertisedPort = listenPort;
        TcpCutter? inbound = null;
        if (killable)
        {
            inbound = new TcpCutter(new IPEndPoint(IPAddress.Loopback, listenPort));
            var databaseCutter = new TcpCutter(await DatabaseEndpointAsync(connectionString));
            cutters.Add(inbound);
            cutters.Add(databaseCutter);
            advertisedPort = inbound.Port;
            connectionString = new NpgsqlConnectionStringBuilder(connectionString)
            {
                Host = IPAddress.Loopback.ToString(),
                Port = databaseCutter.Port,
            }.ConnectionString;
        }

        var host = new HostBuilder()
            .ConfigureLogging(l => l.ClearProviders())
            .ConfigureServices(s => s.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20)))
            .UseOrleans(silo => silo
                .UsePlatformPostgresClustering(connectionString, clusterId, serviceId: "platform-tests")
                .ConfigureEndpoints(IPAddress.Loopback, advertisedPort, gatewayPort)
                .Configure<EndpointOptions>(o => o.SiloListeningEndpoint = new IPEndPoint(IPAddress.Loopback, listenPort))
                .Configure<Orleans.Configuration.SiloOptions>(o => o.SiloName = name)
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
                // A call to a vanished silo must fail over quickly rather than wait the default 30 s.
                .Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5))
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
            cutters.ForEach(c => c.Dispose());
            throw;
        }

        return new TestSilo(host, fatalErrors, inbound, [.. cutters]);
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
        DisposeCutters();
    }

    /// <summary>
    /// A crash as the cluster sees it: the silo's port and its database connections go dead at once, so it can
    /// neither answer probes nor write its own departure. The survivors must vote it out through the table.
    /// Orleans also sends messages over connections the other side opened, so the caller must cut those too
    /// (<see cref="CutInbound"/> on the peers).
    /// </summary>
    public void Kill()
    {
        if (cutters.Length == 0)
        {
            throw new InvalidOperationException("Start the silo with killable: true to kill it.");
        }

        killed = true;
        foreach (var cutter in cutters)
        {
            cutter.Cut();
        }
    }

    /// <summary>Drops every connection other silos opened to this one and refuses new ones.</summary>
    public void CutInbound() =>
        (inbound ?? throw new InvalidOperationException("Start the silo with killable: true to cut it.")).Cut();

    public async ValueTask DisposeAsync()
    {
        if (stopped)
        {
            return;
        }

        if (!killed)
        {
            await StopAsync();
            return;
        }

        // The zombie still runs in this process; stop it without grace and do not let its failing
        // database writes hold the test run hostage.
        stopped = true;
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var stop = Task.Run(async () =>
        {
            await host.StopAsync(cancelled.Token);
            host.Dispose();
        });
        await Task.WhenAny(stop, Task.Delay(ZombieStopWait));
        DisposeCutters();
    }

    private static async Task<IPEndPoint> DatabaseEndpointAsync(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        var host = b.Host ?? throw new InvalidOperationException("connection string has no host");
        var address = IPAddress.TryParse(host, out var parsed)
            ? parsed
            : (await Dns.GetHostAddressesAsync(host)).First(a => a.AddressFamily == AddressFamily.InterNetwork);
        return new IPEndPoint(address, b.Port);
    }

    private void DisposeCutters()
    {
        foreach (var cutter in cutters)
        {
            cutter.Dispose();
        }
    }
}
