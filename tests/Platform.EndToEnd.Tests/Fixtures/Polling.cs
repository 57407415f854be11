namespace Platform.EndToEnd.Tests.Fixtures;

public static class Polling
{
    /// <summary>Waits for a condition with a hard bound; exceptions count as "not yet" until the bound.</summary>
    public static async Task<TimeSpan> UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return watch.Elapsed;
                }
            }
            catch (Exception) when (watch.Elapsed < timeout)
            {
            }

            if (watch.Elapsed >= timeout)
            {
                throw new TimeoutException($"{what}: not reached within {timeout}");
            }

            await Task.Delay(50);
        }
    }
}
