namespace Platform.Metadata.Projects;

/// <summary>A project's settings without the JWT secret, whether one is stored, and the version tag editors send back.</summary>
public sealed record StoredSettings(ProjectSettings Settings, bool JwtSecretSet, string ETag);
