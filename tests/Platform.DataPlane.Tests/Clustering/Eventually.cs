using System.Diagnostics;

namespace Platform.DataPlane.Tests.Clustering;

/// <summary>Polls a condition until it holds or a deadline passes; the deadline, not a sleep, is the assertion.</summary>
public static class Eventually
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public static async Task<T> ValueAsync<T>(Func<Task<T>> probe, Func<T, bool> accept, TimeSpan within, string what)
    {
        var clock = Stopwatch.StartNew();
        Exception? lastError = null;
        var last = default(T);
        while (true)
        {
            try
            {
                last = await probe();
                if (accept(last))
                {
                    return last;
                }
            }
            catch (Exception e)
            {
                // Calls during a membership change may fail transiently; only the deadline decides.
                lastError = e;
            }

            if (clock.Elapsed > within)
            {
                throw new TimeoutException($"{what}: not true within {within}. Last value: {last}; last error: {lastError?.Message}", lastError);
            }

            await Task.Delay(Poll);
        }
    }

    public static Task TrueAsync(Func<Task<bool>> probe, TimeSpan within, string what) =>
        ValueAsync(probe, ok => ok, within, what);
}
