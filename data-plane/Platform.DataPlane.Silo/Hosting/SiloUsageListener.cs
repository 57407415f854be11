using System.Diagnostics.Metrics;
using Platform.Metadata.Usage;

namespace Platform.DataPlane.Silo.Hosting;

/// <summary>
/// The silo's share of a project's usage, taken from the metrics it already emits rather than from the request path:
/// the codes of the errors its grains answered (meter Platform.DataPlane) and each project pool's connections in use
/// and requests waiting (Npgsql's meter, pools named "project:&lt;id&gt;"), sampled every <see cref="SampleEvery"/>.
/// The gateway counts the requests themselves, so nothing is counted twice.
/// </summary>
internal sealed class SiloUsageListener(UsageRecorder usage) : BackgroundService
{
    public static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(2);

    private const string PoolPrefix = "project:";

    // Npgsql 10 names first, then the names of the versions before it.
    private static readonly HashSet<string> InUse = ["db.client.connection.count", "db.client.connections.usage"];
    private static readonly HashSet<string> Pending = ["db.client.connection.npgsql.pending_requests", "db.client.connections.pending_requests"];

    private readonly Lock gate = new();
    private readonly Dictionary<Guid, (int InUse, int Waiting)> sample = [];
    private readonly Dictionary<Guid, int> pendingDeltas = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if ((instrument.Meter.Name == "Platform.DataPlane" && instrument.Name == "platform.dataplane.errors")
                || (instrument.Meter.Name == "Npgsql" && (InUse.Contains(instrument.Name) || Pending.Contains(instrument.Name))))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Measured(i, v, tags));
        listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Measured(i, v, tags));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Measured(i, (long)v, tags));
        listener.Start();

        using var timer = new PeriodicTimer(SampleEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                lock (gate)
                {
                    sample.Clear();
                    foreach (var (project, waiting) in pendingDeltas)
                    {
                        sample[project] = (0, waiting);
                    }
                }

                listener.RecordObservableInstruments();
                lock (gate)
                {
                    foreach (var (project, (inUse, waiting)) in sample)
                    {
                        usage.Pool(project, inUse, Math.Max(0, waiting));
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private void Measured(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (instrument.Name == "platform.dataplane.errors")
        {
            if (Tag(tags, "project") is { } p && Guid.TryParse(p, out var project) && Tag(tags, "code") is { } code)
            {
                usage.Error(project, code);
            }

            return;
        }

        if (Tag(tags, "pool.name") is not { } pool || !pool.StartsWith(PoolPrefix, StringComparison.Ordinal)
            || !Guid.TryParse(pool.AsSpan(PoolPrefix.Length), out var id))
        {
            return;
        }

        lock (gate)
        {
            if (InUse.Contains(instrument.Name))
            {
                if (Tag(tags, "state") == "used")
                {
                    var (inUse, waiting) = sample.GetValueOrDefault(id);
                    sample[id] = (inUse + (int)value, waiting);
                }
            }
            else if (instrument.IsObservable)
            {
                var (inUse, waiting) = sample.GetValueOrDefault(id);
                sample[id] = (inUse, waiting + (int)value);
            }
            else
            {
                // An up-down counter: the running total is the number waiting.
                pendingDeltas[id] = pendingDeltas.GetValueOrDefault(id) + (int)value;
            }
        }
    }

    /// <summary>A tag by the end of its key ("pool.name" matches "db.client.connection.pool.name").</summary>
    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string suffix)
    {
        foreach (var t in tags)
        {
            if (t.Key == suffix || t.Key.EndsWith("." + suffix, StringComparison.Ordinal))
            {
                return t.Value?.ToString();
            }
        }

        return null;
    }
}
