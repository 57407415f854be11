using System.Net;
using Platform.Metadata.Projects;
using Xunit;

namespace Platform.Metadata.Tests;

public sealed class TenantHostPolicyTests
{
    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("1.1.1.1", true)]
    [InlineData("2001:4860:4860::8888", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("127.8.9.10", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("::1", false)]
    [InlineData("::", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("::ffff:8.8.8.8", true)]
    [InlineData("fd00::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("2001:db8::1", false)]
    public void Public_addresses_are_told_from_internal_and_reserved_ones(string address, bool isPublic) =>
        Assert.Equal(isPublic, TenantHostPolicy.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("Host=localhost;Database=app")]
    [InlineData("Host=127.0.0.1;Port=5432;Database=app")]
    [InlineData("Host=8.8.8.8,10.0.0.5;Database=app")]
    [InlineData("Host=8.8.8.8:5432,192.168.0.9:6432;Database=app")]
    [InlineData("Host=[::1]:5432;Database=app")]
    [InlineData("Host=::1;Database=app")]
    [InlineData("Host=/var/run/postgresql;Database=app")]
    [InlineData("Host=169.254.169.254;Database=app")]
    public async Task Connection_strings_naming_internal_hosts_are_refused_with_a_reason(string connectionString)
    {
        var refusal = await TenantHostPolicy.RefusalAsync(connectionString, CancellationToken.None);
        Assert.NotNull(refusal);
        Assert.DoesNotContain("Password", refusal, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Host=8.8.8.8;Database=app;Password=secret")]
    [InlineData("Host=8.8.8.8:5432,[2001:4860:4860::8888]:5432;Database=app")]
    public async Task Connection_strings_naming_public_addresses_pass(string connectionString) =>
        Assert.Null(await TenantHostPolicy.RefusalAsync(connectionString, CancellationToken.None));
}
