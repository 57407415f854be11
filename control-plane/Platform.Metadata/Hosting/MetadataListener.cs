using Npgsql;

namespace Platform.Metadata.Hosting;

/// <summary>
/// Holds one metadata connection that LISTENs on some channels until stopped. A silent network can hide a dead
/// connection from <see cref="NpgsqlConnection.WaitAsync(TimeSpan, CancellationToken)"/>, so a cheap query runs after
/// every quiet <see cref="Options.Ping"/>; a lost connection is opened again with backoff. Notifications sent while it
/// was down are gone: <c>connected</c> runs after every LISTEN (told whether one came before), so the owner resynchronises.
/// </summary>
public static class MetadataListener
{
    /// <summary>Timings; the defaults are what the gateway and the silos use.</summary>
    public sealed record Options(TimeSpan MinBackoff, TimeSpan MaxBackoff, TimeSpan Ping)
    {
        public static Options Default { get; } = new(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(15));
    }

    /// <param name="notified">Runs on the connection's reader for each notification (channel, payload): keep it short.</param>
    /// <param name="connected">Runs on the listening connection after LISTEN; the flag says a connection was lost before.</param>
    /// <param name="lost">Runs when the connection fails, with the delay before the next attempt.</param>
    public static async Task RunAsync(
        MetadataDataSource metadata,
        IReadOnlyList<string> channels,
        Action<string, string> notified,
        Func<NpgsqlConnection, bool, CancellationToken, Task> connected,
        Action<Exception, TimeSpan> lost,
        CancellationToken stoppingToken,
        Options? options = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        options ??= Options.Default;
        var listen = string.Join("; ", channels.Select(c => "LISTEN \"" + c.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
        var backoff = options.MinBackoff;
        var reconnect = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var conn = await metadata.DataSource.OpenConnectionAsync(stoppingToken);
                conn.Notification += (_, e) => notified(e.Channel, e.Payload);
                await using (var command = new NpgsqlCommand(listen, conn))
                {
                    await command.ExecuteNonQueryAsync(stoppingToken);
                }

                await connected(conn, reconnect, stoppingToken);
                backoff = options.MinBackoff;
                while (true)
                {
                    if (!await conn.WaitAsync(options.Ping, stoppingToken))
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1", conn);
                        await ping.ExecuteNonQueryAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                reconnect = true;
                lost(e, backoff);
                await Task.Delay(backoff, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.MaxBackoff.Ticks));
            }
        }
    }
}
