namespace Platform.DataPlane.Abstractions.Realtime;

/// <summary>Whether a connection_init's end-user token (if any) is acceptable, and until when.</summary>
[GenerateSerializer, Immutable]
public sealed record SocketAdmission(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] DateTimeOffset? ExpiresAt,
    [property: Id(2)] string? Code,
    [property: Id(3)] string? Message);
