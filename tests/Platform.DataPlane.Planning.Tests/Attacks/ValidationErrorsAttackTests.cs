using System.Text.Json;
using Platform.DataPlane.Execution;
using Platform.DataPlane.Planning.Tests.Support;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Attacks;

/// <summary>
/// #19, low: validation errors were unbounded, so a small document naming the same mistake thousands of times got an
/// answer many times its size. At most 100 are answered, then one that says so (graphql-js' maxErrors).
/// </summary>
public sealed class ValidationErrorsAttackTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();
    private GraphQLClient client = null!;

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        await database.ExecuteAsync("create table item (id int primary key, name text not null);");
        client = new GraphQLClient(await GraphQLService.CreateAsync(database.DataSource, GraphQLServiceOptions.Default, CancellationToken.None), database.DataSource);
    }

    public Task DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task A_document_with_thousands_of_mistakes_gets_a_bounded_answer()
    {
        var query = "{ allItems(" + string.Join(",", Enumerable.Range(0, 2000).Select(i => $"x{i}:1")) + ") { nodes { id } } }";
        var body = await client.QueryAsync(query);
        var errors = body.GetProperty("errors");
        Assert.Equal(101, errors.GetArrayLength());
        Assert.Equal("Too many validation errors, error limit reached. Validation aborted.", errors[100].GetProperty("message").GetString());
        Assert.All(errors.EnumerateArray(), e => Assert.Equal("GRAPHQL_VALIDATION_FAILED", e.GetProperty("extensions").GetProperty("code").GetString()));
        var answered = JsonSerializer.Serialize(body).Length;
        Assert.True(answered < query.Length * 2, $"{answered} bytes answered for a {query.Length}-byte document");
    }
}
