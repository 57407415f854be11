namespace Platform.Metadata.Projects;

/// <summary>Everything the data plane needs to serve a project, secrets decrypted. Lives only in memory.</summary>
public sealed record ProjectConfiguration(Guid Id, string Name, string ConnectionString, ProjectSettings Settings);
