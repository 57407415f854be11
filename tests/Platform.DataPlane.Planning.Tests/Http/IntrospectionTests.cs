using System.Diagnostics;
using Platform.DataPlane.Planning.Tests.Support;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Http;

/// <summary>Runs graphql-js's own introspection query through the service and feeds the answer to buildClientSchema.</summary>
public sealed class IntrospectionTests(ForumFixture forum) : IClassFixture<ForumFixture>
{
    [Theory]
    [InlineData("default")]
    [InlineData("full")]
    [InlineData("all")]
    public async Task Graphql_js_builds_a_client_schema_from_the_introspection_answer(string variant)
    {
        await EnsureGraphqlJsAsync();
        var query = await NodeAsync("print-query", variant);
        var response = await forum.Client.PostAsync(query);
        Assert.True(response.StatusCode == 200, GraphQLClient.Text(response));
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, response.Body);
            var sdl = await NodeAsync("check", file);
            Assert.Contains("allEvents(", sdl, StringComparison.Ordinal);
            Assert.Contains("interface Node", sdl, StringComparison.Ordinal);
            Assert.Contains("type Event implements Node", sdl, StringComparison.Ordinal);
            Assert.Contains("scalar BigInt", sdl, StringComparison.Ordinal);
            Assert.Contains("enum EventsOrderBy", sdl, StringComparison.Ordinal);
            Assert.Contains("orderBy: [EventsOrderBy!] = [PRIMARY_KEY_ASC]", sdl, StringComparison.Ordinal);
            Assert.Contains("type Address {", sdl, StringComparison.Ordinal);
            Assert.Contains("location: GeoPoint", sdl, StringComparison.Ordinal);
            Assert.Contains("input AddressInput {", sdl, StringComparison.Ordinal);
            Assert.Contains("previousAddresses: [Address]", sdl, StringComparison.Ordinal);
            Assert.Contains("): AddressesConnection\n", sdl, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Type_and_typename_introspection_mix_with_data_fields()
    {
        var json = await forum.Client.QueryAsync("{ __typename t: __type(name: \"Event\") { name kind } eventById(id: 1) { __typename title } }");
        var data = json.GetProperty("data");
        Assert.Equal("Query", data.GetProperty("__typename").GetString());
        Assert.Equal("OBJECT", data.GetProperty("t").GetProperty("kind").GetString());
        Assert.Equal("Event", data.GetProperty("eventById").GetProperty("__typename").GetString());
        Assert.Equal("Event 1 talk", data.GetProperty("eventById").GetProperty("title").GetString());
    }

    private static async Task EnsureGraphqlJsAsync()
    {
        if (File.Exists(Path.Combine(SourcePaths.Js, "node_modules", "graphql", "package.json")))
        {
            return;
        }

        await RunAsync("npm", "ci --no-audit --no-fund");
    }

    private static Task<string> NodeAsync(params string[] args) => RunAsync("node", "check-introspection.mjs " + string.Join(' ', args));

    private static async Task<string> RunAsync(string program, string args)
    {
        var psi = new ProcessStartInfo(program, args) { WorkingDirectory = SourcePaths.Js, RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, $"{program} {args} failed: {await stderr}");
        return await stdout;
    }
}
