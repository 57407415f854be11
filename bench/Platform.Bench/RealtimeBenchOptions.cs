namespace Platform.Bench;

/// <summary>
/// The realtime bench's sizes. Live part: <see cref="Subscribers"/> sockets, one live query each, over
/// <see cref="Documents"/> documents and <see cref="DistinctIds"/> variable values, held <see cref="HoldSeconds"/> while
/// <see cref="ChangesPerSecond"/> rows change. Listen part: <see cref="Listeners"/> sockets on one topic,
/// <see cref="Events"/> notifications at <see cref="EventsPerSecond"/>.
/// </summary>
public sealed record RealtimeBenchOptions(int Subscribers, int HoldSeconds, int Documents, int DistinctIds, int ChangesPerSecond, int Listeners, int Events, int EventsPerSecond);
