using Platform.DataPlane.Execution;

namespace Platform.DataPlane.Planning.Tests.Support;

/// <summary>The forum database plus a GraphQL service built from it once per test class.</summary>
public sealed class ForumFixture : IAsyncDisposable, Xunit.IAsyncLifetime
{
    public ForumDatabase Database { get; } = new();

    public GraphQLService Service { get; private set; } = null!;

    public GraphQLClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Service = await GraphQLService.CreateAsync(Database.DataSource, GraphQLServiceOptions.Default, CancellationToken.None);
        Client = new GraphQLClient(Service, Database.DataSource);
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();

    async ValueTask IAsyncDisposable.DisposeAsync() => await Database.DisposeAsync();
}
