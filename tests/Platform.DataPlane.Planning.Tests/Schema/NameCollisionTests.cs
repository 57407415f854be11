using Platform.DataPlane.Execution;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Schema;

public sealed class NameCollisionTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Two_tables_inflecting_to_one_type_leave_the_later_out_with_a_warning_and_the_rest_serves()
    {
        await db.ExecuteAsync("create table if not exists post (id int primary key); create table if not exists posts (id int primary key)");
        var service = await GraphQLService.CreateAsync(db.DataSource, GraphQLServiceOptions.Default, CancellationToken.None);
        var warning = Assert.Single(service.Warnings);
        Assert.Equal("LEFT_OUT", warning.Code);
        Assert.Contains("\"Post\"", warning.Message, StringComparison.Ordinal);
        Assert.Contains("table public.posts is left out", warning.Message, StringComparison.Ordinal);
        Assert.Contains("@name", warning.Message, StringComparison.Ordinal);
        Assert.Equal("post", service.Model.TableByTypeName("Post")!.Name);

        await db.ExecuteAsync("comment on table posts is E'@name blog_post'");
        service = await GraphQLService.CreateAsync(db.DataSource, GraphQLServiceOptions.Default, CancellationToken.None);
        Assert.NotNull(service.Model.TableByTypeName("BlogPost"));
        Assert.Empty(service.Warnings);
        await db.ExecuteAsync("drop table post, posts");
    }
}
