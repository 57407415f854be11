namespace Platform.DataPlane.Grains.Projects;

/// <summary>Silo-wide knobs for project grains (configuration section Platform:Silo:Projects).</summary>
public sealed class ProjectGrainOptions
{
    /// <summary>How often the catalog version is polled for DDL changes. The design asks for changes within 2 s.</summary>
    public TimeSpan SchemaPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>An idle project deactivates (and closes its pool) after this long without calls.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);
}
