using Platform.Metadata.Keys;

namespace Platform.Gateway.Keys;

/// <summary>A usable key and the id its cache entry (and its open WebSockets) go by: the base64 of its SHA-256.</summary>
internal sealed record ResolvedKey(ApiKeyRecord Record, string CacheId)
{
    /// <summary>The project id as text, made once per cache entry rather than on every request that needs it.</summary>
    public string ProjectId { get; } = Record.ProjectId.ToString();
}
