namespace Platform.ControlPlane.Hosting;

/// <summary>Limits on what a deployment may clone and run. A hostile repository meets these, not the host's limits.</summary>
public sealed class DeploymentOptions
{
    /// <summary>file:// repositories (local bare repos): Development and tests only; a hosted platform must not read its own disk.</summary>
    public bool? AllowFileRepositories { get; set; }

    public int CloneTimeoutSeconds { get; set; } = 120;

    public long MaxCheckoutBytes { get; set; } = 50L * 1024 * 1024;

    public int MaxFiles { get; set; } = 2000;

    public int MaxMigrations { get; set; } = 500;

    public long MaxMigrationBytes { get; set; } = 5L * 1024 * 1024;

    /// <summary>statement_timeout of each migration's statements.</summary>
    public int MigrationTimeoutSeconds { get; set; } = 300;

    /// <summary>How many deployments run at once on this host (Hangfire workers).</summary>
    public int Workers { get; set; } = 2;
}
