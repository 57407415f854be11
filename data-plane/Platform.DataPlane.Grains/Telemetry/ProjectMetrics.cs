using System.Diagnostics.Metrics;

namespace Platform.DataPlane.Grains.Telemetry;

/// <summary>
/// Per-project data-plane metrics (meter "Platform.DataPlane"). Pool busy/idle/waiting come from Npgsql's own meter,
/// tagged with the data source name "project:&lt;id&gt;".
/// </summary>
internal static class ProjectMetrics
{
    public static readonly Meter Meter = new("Platform.DataPlane");

    private static readonly Counter<long> Requests = Meter.CreateCounter<long>("platform.dataplane.requests", description: "Requests served, by project, surface and status code");
    private static readonly Counter<long> Errors = Meter.CreateCounter<long>("platform.dataplane.errors", description: "Requests that failed, by project and error code");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("platform.dataplane.request.duration", unit: "ms", description: "Time inside the project grain");
    private static readonly Counter<long> Activations = Meter.CreateCounter<long>("platform.dataplane.activations", description: "Project grain activations");
    private static readonly Counter<long> Rebuilds = Meter.CreateCounter<long>("platform.dataplane.schema.rebuilds", description: "Schema rebuilds after a catalog change");

    private static readonly Counter<long> LiveStatements = Meter.CreateCounter<long>("platform.dataplane.live.statements", description: "Live-query statements run (one per group of subscribers per interval)");

    // One observation per finished interval, its value the statements that interval ran: count and sum come from one
    // snapshot, so statements per interval can be read exactly (two separate counters drift apart while one runs).
    private static readonly Histogram<long> LiveIntervals = Meter.CreateHistogram<long>("platform.dataplane.live.interval.statements",
        description: "Live-query intervals (count) and the statements each ran (sum): one per group of subscribers",
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [0, 1, 2, 4, 8, 16, 64, 256] });

    public static void LiveInterval(string project, int statements) => LiveIntervals.Record(statements, new System.Diagnostics.TagList { { "project", project } });

    public static void LiveStatement(string project) => LiveStatements.Add(1, new System.Diagnostics.TagList { { "project", project } });

    public static void Request(string project, string surface, int status, double milliseconds)
    {
        var tags = new System.Diagnostics.TagList { { "project", project }, { "surface", surface }, { "status", status } };
        Requests.Add(1, tags);
        Duration.Record(milliseconds, new System.Diagnostics.TagList { { "project", project }, { "surface", surface } });
    }

    public static void Error(string project, string code) => Errors.Add(1, new System.Diagnostics.TagList { { "project", project }, { "code", code } });

    public static void Activated(string project) => Activations.Add(1, new System.Diagnostics.TagList { { "project", project } });

    public static void Rebuilt(string project) => Rebuilds.Add(1, new System.Diagnostics.TagList { { "project", project } });
}
