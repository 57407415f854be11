namespace Platform.EndToEnd.Tests.Fixtures;

/// <summary>One silo whose sockets may each run only <see cref="MaxOperationsPerSocket"/> operations, so the limit is reached with a few.</summary>
public sealed class SocketLimitRealtimePlatform() : RealtimePlatform(1, new Dictionary<string, string>
{
    ["Platform__Silo__WebSockets__MaxOperationsPerSocket"] = MaxOperationsPerSocket.ToString(System.Globalization.CultureInfo.InvariantCulture),
})
{
    public const int MaxOperationsPerSocket = 3;
}
