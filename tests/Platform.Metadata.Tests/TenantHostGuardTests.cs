using System.Net;
using Platform.Metadata.Projects;
using Xunit;

namespace Platform.Metadata.Tests;

/// <summary>The guard's answers for names it resolves through a fixed table (a resolver, the seam it is built on).</summary>
public sealed class TenantHostGuardTests
{
    private sealed class Table(Dictionary<string, string[]> names) : ITenantHostResolver
    {
        public List<string> Asked { get; } = [];

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
        {
            Asked.Add(host);
            return Task.FromResult(names.TryGetValue(host, out var a) ? a.Select(IPAddress.Parse).ToArray() : []);
        }
    }

    private static readonly Table Names = new(new()
    {
        ["db.example.com"] = ["8.8.8.8", "2001:4860:4860::8888"],
        ["inside.example.com"] = ["10.20.0.5"],
        ["mixed.example.com"] = ["8.8.4.4", "127.0.0.1"],
    });

    [Fact]
    public async Task Every_address_of_an_allowed_name_is_pinned_with_its_name_kept_for_tls()
    {
        var verdict = await new TenantHostGuard(Names, allowAll: false).CheckAsync("Host=DB.Example.com.:6432;Database=app", CancellationToken.None);
        Assert.False(verdict.Refused);
        Assert.Equal("8.8.8.8:6432,[2001:4860:4860::8888]:6432", verdict.PinnedHost);
        Assert.Equal("db.example.com", verdict.NameOf["8.8.8.8"]);
        Assert.Equal("db.example.com", verdict.NameOf["2001:4860:4860::8888"]);
    }

    [Theory]
    [InlineData("Host=mixed.example.com", "DATABASE_HOST_REFUSED", "127.0.0.1")]
    [InlineData("Host=mixed.example.com.", "DATABASE_HOST_REFUSED", "127.0.0.1")]
    [InlineData("Host=inside.example.com", "DATABASE_HOST_REFUSED", "10.20.0.5")]
    [InlineData("Host=db.example.com,nowhere.example.com", "DATABASE_HOST_UNRESOLVED", "nowhere.example.com does not resolve")]
    [InlineData("Host=/var/run/postgresql", "DATABASE_HOST_REFUSED", "Unix socket")]
    public async Task Internal_unresolvable_and_socket_hosts_are_refused_with_their_code(string connectionString, string code, string reason)
    {
        var verdict = await new TenantHostGuard(Names, allowAll: false).CheckAsync(connectionString, CancellationToken.None);
        Assert.Equal(code, verdict.Code);
        Assert.Contains(reason, verdict.Reason, StringComparison.Ordinal);
        Assert.Null(verdict.PinnedHost);
    }

    [Fact]
    public async Task An_allowed_private_network_admits_its_addresses_and_nothing_else()
    {
        var guard = new TenantHostGuard(Names, allowAll: false, TenantHostGuard.ParseNetworks(["10.20.0.0/16"]));
        Assert.Equal("10.20.0.5", (await guard.CheckAsync("Host=inside.example.com", CancellationToken.None)).PinnedHost);
        Assert.True((await guard.CheckAsync("Host=mixed.example.com", CancellationToken.None)).Refused);
        Assert.True((await guard.CheckAsync("Host=10.21.0.1", CancellationToken.None)).Refused);
    }

    [Fact]
    public async Task Development_pins_nothing_and_resolves_nothing()
    {
        var table = new Table([]);
        var verdict = await new TenantHostGuard(table, allowAll: true).CheckAsync("Host=localhost", CancellationToken.None);
        Assert.False(verdict.Refused);
        Assert.Null(verdict.PinnedHost);
        Assert.Empty(table.Asked);
    }

    [Fact]
    public async Task A_hosts_file_answers_for_its_names_with_or_without_the_trailing_dot_and_is_read_again_when_it_changes()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "# tenants\n8.8.8.8  Pinned.Example.com. other.example.com\n");
            var resolver = new HostsFileTenantHostResolver(path, new Table([]));
            Assert.Equal([IPAddress.Parse("8.8.8.8")], await resolver.ResolveAsync("pinned.example.com", CancellationToken.None));
            Assert.Equal([IPAddress.Parse("8.8.8.8")], await resolver.ResolveAsync("other.example.com", CancellationToken.None));

            File.WriteAllText(path, "127.0.0.1 pinned.example.com\n");
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));
            var guard = new TenantHostGuard(resolver, allowAll: false);
            Assert.Equal("DATABASE_HOST_REFUSED", (await guard.CheckAsync("Host=pinned.example.com.", CancellationToken.None)).Code);
            Assert.Equal("DATABASE_HOST_UNRESOLVED", (await guard.CheckAsync("Host=other.example.com", CancellationToken.None)).Code);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
