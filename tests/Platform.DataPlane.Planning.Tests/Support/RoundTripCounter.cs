using System.Diagnostics;

namespace Platform.DataPlane.Planning.Tests.Support;

/// <summary>
/// Counts the commands and batches Npgsql executes against one database, through Npgsql's own tracing
/// (one activity per execution), so tests see real round trips rather than what the code claims.
/// </summary>
public sealed class RoundTripCounter : IDisposable
{
    private readonly ActivityListener listener;
    private int count;

    public RoundTripCounter(string databaseName)
    {
        listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a =>
            {
                if (Equals(a.GetTagItem("db.name") ?? a.GetTagItem("db.namespace"), databaseName))
                {
                    Interlocked.Increment(ref count);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
    }

    public int Count => Volatile.Read(ref count);

    public void Reset() => Interlocked.Exchange(ref count, 0);

    public void Dispose() => listener.Dispose();
}
