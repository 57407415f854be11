namespace Platform.ServiceDefaults.InternalAuth;

/// <summary>Headers the gateway adds for the silo. The silo trusts them only with a valid signature.</summary>
public static class InternalHeaders
{
    public const string ProjectId = "X-Platform-Project";
    public const string KeyRole = "X-Platform-Key-Role";
    public const string Timestamp = "X-Platform-Timestamp";
    public const string Signature = "X-Platform-Signature";

    public static readonly string[] All = [ProjectId, KeyRole, Timestamp, Signature];
}
