using Platform.Metadata.Keys;

namespace Platform.Gateway.Keys;

/// <summary>A usable key and the id its cache entry (and its open WebSockets) go by: the base64 of its SHA-256.</summary>
public sealed record ResolvedKey(ApiKeyRecord Record, string CacheId);
