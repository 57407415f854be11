using Platform.DataPlane.Execution;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Introspection;

public sealed class FingerprintTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Fingerprint_is_stable_and_changes_with_ddl_and_comments()
    {
        await db.ExecuteAsync("create table if not exists thing (id int primary key, name text)");
        var first = (await GraphQLService.CreateAsync(db.DataSource, GraphQLServiceOptions.Default, CancellationToken.None)).Fingerprint;
        var again = (await GraphQLService.CreateAsync(db.DataSource, GraphQLServiceOptions.Default, CancellationToken.None)).Fingerprint;
        Assert.Equal(first, again);
        Assert.Equal(first, await GraphQLService.ReadFingerprintAsync(db.DataSource, GraphQLServiceOptions.Default, CancellationToken.None));

        await db.ExecuteAsync("alter table thing add column size int");
        var afterColumn = (await GraphQLService.CreateAsync(db.DataSource, GraphQLServiceOptions.Default, CancellationToken.None)).Fingerprint;
        Assert.NotEqual(first, afterColumn);

        await db.ExecuteAsync("comment on table thing is 'A thing.'");
        var afterComment = (await GraphQLService.CreateAsync(db.DataSource, GraphQLServiceOptions.Default, CancellationToken.None)).Fingerprint;
        Assert.NotEqual(afterColumn, afterComment);
    }

    [Fact]
    public async Task Other_schemas_are_not_exposed_unless_listed()
    {
        await db.ExecuteAsync("create schema if not exists app; create table if not exists app.widget (id int primary key)");
        var defaultService = await GraphQLService.CreateAsync(db.DataSource, GraphQLServiceOptions.Default, CancellationToken.None);
        Assert.Null(defaultService.Model.TableByTypeName("Widget"));
        var appService = await GraphQLService.CreateAsync(db.DataSource, new GraphQLServiceOptions(["public", "app"]), CancellationToken.None);
        Assert.NotNull(appService.Model.TableByTypeName("Widget"));
    }

    [Fact]
    public async Task Unreachable_database_fails_with_a_clear_exception()
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(db.ConnectionString) { Port = Platform.Testing.Hosting.FreePort.Next(), Timeout = 2 };
        await using var dead = Npgsql.NpgsqlDataSource.Create(builder.ConnectionString);
        var e = await Assert.ThrowsAsync<GraphQLServiceBuildException>(() => GraphQLService.CreateAsync(dead, GraphQLServiceOptions.Default, CancellationToken.None));
        Assert.Contains("introspect", e.Message, StringComparison.Ordinal);
    }
}
