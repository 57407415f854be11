namespace Platform.DataPlane.Abstractions.Projects;

/// <summary>
/// One activation per project, cluster-wide. Holds the project's live schema and its bounded connection pool.
/// Calls interleave (the grain is reentrant): a project's traffic is never serialised behind one request.
/// </summary>
public interface IProjectGrain : IGrainWithGuidKey
{
    /// <param name="cancellationToken">The HTTP request's abort: a client that goes away cancels its running statement.</param>
    Task<HttpResult> ExecuteGraphQL(GraphQLCall call, CancellationToken cancellationToken = default);

    /// <summary>SQL over HTTP (service keys only): one statement, or a batch in one transaction.</summary>
    Task<HttpResult> ExecuteSql(SqlCall call, CancellationToken cancellationToken = default);

    /// <summary>Re-reads the catalog and rebuilds the schema now (the control plane asks after a migration).</summary>
    Task Reload();

    /// <summary>
    /// Re-reads the project's record and swaps identity, data sources and schema; requests in flight finish on what
    /// they started with (the silo's change feed calls it when the record changes).
    /// </summary>
    Task Reconfigure();

    /// <summary>Which silo hosts the activation, and what it serves; the gateway routes with this.</summary>
    Task<ProjectGrainStatus> GetStatus();
}
