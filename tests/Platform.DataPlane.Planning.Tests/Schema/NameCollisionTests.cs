using Platform.DataPlane.Execution;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Schema;

public sealed class NameCollisionTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Two_tables_inflecting_to_one_type_give_a_clear_build_error()
    {
        await db.ExecuteAsync("create table if not exists post (id int primary key); create table if not exists posts (id int primary key)");
        var e = await Assert.ThrowsAsync<GraphQLServiceBuildException>(() => GraphQLService.CreateAsync(db.DataSource, GraphQLServiceOptions.Default, CancellationToken.None));
        Assert.Contains("\"Post\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("@name", e.Message, StringComparison.Ordinal);

        await db.ExecuteAsync("comment on table posts is E'@name blog_post'");
        var service = await GraphQLService.CreateAsync(db.DataSource, GraphQLServiceOptions.Default, CancellationToken.None);
        Assert.NotNull(service.Model.TableByTypeName("BlogPost"));
        await db.ExecuteAsync("drop table post, posts");
    }
}
