using GraphQL.Types;
using Npgsql;
using Platform.DataPlane.Execution.Database;
using Platform.DataPlane.Introspection.Model;
using Platform.DataPlane.Schema.Building;
using Platform.DataPlane.Schema.Graph;
using Platform.DataPlane.Schema.Model;
using Platform.DataPlane.Execution.Caching;
using Platform.DataPlane.Execution.Graph;
using Platform.DataPlane.Execution.Jwt;
using Platform.DataPlane.Planning;
using Platform.DataPlane.Planning.Planner;

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
    private readonly PlanCache planCache;
    private readonly DocumentValidation validation;
    private readonly IntrospectionRunner introspection;
    private readonly JwtTokenSigner? jwtSigner;

    private GraphQLService(GraphQLServiceOptions options, SchemaModel model, ISchema schema)
    {
        this.options = options;
        Model = model;
        Schema = schema;
        Fingerprint = model.Fingerprint;
        plannerOptions = new PlannerOptions(options.MaxDepth, options.MaxFields, options.MaxDocumentBytes);
        planCache = new PlanCache(options.PlanCache ?? PlanCacheLimits.Default);
        planner = new OperationPlanner(model, plannerOptions);
        validation = new DocumentValidation(schema);
        introspection = new IntrospectionRunner(schema, plannerOptions);
        jwtSigner = options.Jwt is { Secret: { } secret } jwt ? new JwtTokenSigner(System.Text.Encoding.UTF8.GetBytes(secret), jwt.Audience) : null;
    }

    /// <summary>The schema model the planner works from (read-only).</summary>
    public SchemaModel Model { get; }

    /// <summary>What the build renamed or left out of the catalog, for the project's owner to read.</summary>
    public IReadOnlyList<SchemaWarning> Warnings => Model.Warnings;

    /// <summary>The GraphQL for .NET schema used for validation and introspection.</summary>
    public ISchema Schema { get; }

    public GraphQLServiceOptions Options => options;

    /// <summary>Plans held in the cache now, and their estimated bytes (bounded by <see cref="PlanCacheLimits"/>).</summary>
    public (int Count, long Bytes) CachedPlans => (planCache.Count, planCache.Bytes);

    /// <summary>Changes whenever the exposed part of the catalog changes; compare it to decide whether to rebuild.</summary>
    public string Fingerprint { get; }

    public static async Task<GraphQLService> CreateAsync(NpgsqlDataSource dataSource, GraphQLServiceOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        CatalogSnapshot snapshot;
        try
        {
            snapshot = await CatalogReader.ReadAsync(dataSource, options.ExposedSchemas, options.RoleList, ct);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or System.Text.Json.JsonException)
        {
            throw new GraphQLServiceBuildException("Could not introspect the database: " + e.Message, e);
        }

        return FromSnapshot(snapshot, options);
    }

    /// <summary>
    /// Reads only the catalog fingerprint (one round trip, no schema build), for cheap polling: rebuild with
    /// <see cref="CreateAsync"/> when it differs from <see cref="Fingerprint"/>.
    /// </summary>
    public static async Task<string> ReadFingerprintAsync(NpgsqlDataSource dataSource, GraphQLServiceOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var snapshot = await CatalogReader.ReadAsync(dataSource, options.ExposedSchemas, options.RoleList, ct);
        return Introspection.SnapshotSerializer.Fingerprint(snapshot);
    }

    /// <summary>Builds the service from a snapshot taken earlier (for instance one shipped between silos); no database access.</summary>
    public static GraphQLService FromSnapshot(CatalogSnapshot snapshot, GraphQLServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Jwt is { Secret: null } jwt)
        {
            throw new GraphQLServiceBuildException($"jwt.tokenType is {jwt.TokenType} but no HS256 jwt.secret is configured: tokens can only be minted with a shared secret (RS256/ES256 projects configure only a public key).") { FromCatalog = true };
        }

        try
        {
            var model = SchemaModelBuilder.Build(snapshot, new SchemaOptions(options.Jwt?.TokenType, options.SimpleCollections));
            return new GraphQLService(options, model, GraphQLSchemaFactory.Create(model));
        }
        catch (SchemaBuildException e)
        {
            throw new GraphQLServiceBuildException("Could not build the GraphQL schema: " + e.Message, e) { FromCatalog = true };
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // GraphQL for .NET's own checks (names, type references) caught what the model's did not.
            throw new GraphQLServiceBuildException("Could not build the GraphQL schema: " + e.Message, e) { FromCatalog = true };
        }
    }
}
