using Platform.DataPlane.Execution;
using Platform.DataPlane.Planning.Tests.Support;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Schema;

/// <summary>PostGraphile v4's named scalars for network and bit types, and Query as a Node.</summary>
public sealed class TypeMappingTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Inet_and_bit_types_are_v4s_named_scalars_and_query_is_a_node()
    {
        await db.ExecuteAsync("""
            create table host (id int primary key, ip inet, net cidr, mac macaddr, flags bit(4), mask varbit);
            insert into host values (1, '10.0.0.1/24', '10.0.0.0/8', '08:00:2b:01:02:03', B'1010', B'110');
            """);
        var service = await GraphQLService.CreateAsync(db.DataSource, GraphQLServiceOptions.Default, CancellationToken.None);
        var client = new GraphQLClient(service, db.DataSource);

        var fields = (await client.QueryAsync("{ __type(name: \"Host\") { fields { name type { name } } } }")).Data("__type").GetProperty("fields")
            .EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("type").GetProperty("name").GetString());
        Assert.Equal("InternetAddress", fields["ip"]);
        Assert.Equal("String", fields["net"]);
        Assert.Equal("String", fields["mac"]);
        Assert.Equal("BitString", fields["flags"]);
        Assert.Equal("BitString", fields["mask"]);

        var created = await client.QueryAsync("mutation { createHost(input: {host: {id: 2, ip: \"192.168.1.5\", flags: \"0110\"}}) { host { ip flags } } }");
        var host = created.Data("createHost").GetProperty("host");
        Assert.Equal("192.168.1.5", host.GetProperty("ip").GetString());
        Assert.Equal("0110", host.GetProperty("flags").GetString());
        var found = await client.QueryAsync("{ allHosts(condition: {ip: \"10.0.0.1/24\"}) { nodes { id mask } } }");
        Assert.Equal("110", found.Data("allHosts").GetProperty("nodes")[0].GetProperty("mask").GetString());

        var root = await client.QueryAsync("{ __type(name: \"Query\") { interfaces { name } } nodeId query { nodeId } }");
        Assert.Equal("Node", root.Data("__type").GetProperty("interfaces")[0].GetProperty("name").GetString());
        Assert.Equal("query", root.Data("nodeId").GetString());
        Assert.Equal("query", root.Data("query").GetProperty("nodeId").GetString());
    }
}
