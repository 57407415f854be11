namespace Platform.Metadata.Keys;

/// <summary>A freshly created key: the only time the plaintext exists outside the caller.</summary>
public sealed record IssuedApiKey(Guid Id, Guid ProjectId, ApiKeyRole Role, string Key);
