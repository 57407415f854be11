using System.Diagnostics;

namespace Platform.DataPlane.Silo.Hosting;

/// <summary>
/// Bounds a silo's shutdown. When the metadata database is gone (dropped, or unreachable for good), Orleans keeps
/// trying to write the silo's "shutting down" status and the process never exits on SIGTERM, seen for minutes.
/// A silo that has not stopped <c>Platform:Silo:ShutdownLimit</c> after shutdown began kills itself; its membership
/// row then ages out like a crashed silo's, which the cluster already handles.
/// </summary>
internal static class ShutdownWatchdog
{
    public static void Arm(IHostApplicationLifetime lifetime, TimeSpan limit, ILogger log)
    {
        lifetime.ApplicationStopping.Register(() =>
        {
            // A dedicated background thread: the thread pool may be what a stuck shutdown is waiting on.
            var thread = new Thread(() =>
            {
                Thread.Sleep(limit);
                log.LogError("Silo shutdown did not finish within {Limit}; exiting without it", limit);
                Thread.Sleep(200); // lets the console logger flush the line above
                Process.GetCurrentProcess().Kill();
            })
            { IsBackground = true, Name = "shutdown-watchdog" };
            thread.Start();
        });
    }
}
