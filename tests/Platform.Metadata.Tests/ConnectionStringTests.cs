using Npgsql;
using Xunit;

namespace Platform.Metadata.Tests;

public sealed class ConnectionStringTests
{
    [Fact]
    public void Urls_become_npgsql_strings_with_escapes_resolved()
    {
        var cs = new NpgsqlConnectionStringBuilder(
            PostgresConnectionString.Normalize("postgres://app%40corp:p%3Ass@db.example:6543/my_db?sslmode=require"));
        Assert.Equal("db.example", cs.Host);
        Assert.Equal(6543, cs.Port);
        Assert.Equal("my_db", cs.Database);
        Assert.Equal("app@corp", cs.Username);
        Assert.Equal("p:ss", cs.Password);
        Assert.Equal(SslMode.Require, cs.SslMode);
    }

    [Fact]
    public void Key_value_strings_pass_through()
    {
        var cs = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Normalize("Host=h;Database=d;Username=u"));
        Assert.Equal("h", cs.Host);
        Assert.Equal("d", cs.Database);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("postgres://")]
    [InlineData("Database=d;Username=u")]
    [InlineData("Host=h;NoSuchKeyword=1")]
    [InlineData("definitely not a connection string")]
    public void Invalid_connection_strings_are_refused(string value)
    {
        Assert.ThrowsAny<ArgumentException>(() => PostgresConnectionString.Normalize(value));
    }

    [Fact]
    public void Every_supported_libpq_url_parameter_is_mapped()
    {
        var cs = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Normalize(
            "postgresql://u:p@db.example/app?sslmode=verify-full&channel_binding=require&connect_timeout=7"
            + "&options=-c%20search_path%3Dapp%2Cpublic&target_session_attrs=read-write&application_name=mine"
            + "&keepalives=1&keepalives_idle=30&keepalives_interval=5&gssencmode=disable&load_balance_hosts=random"
            + "&client_encoding=UTF8&sslnegotiation=postgres&krbsrvname=pg"));
        Assert.Equal(SslMode.VerifyFull, cs.SslMode);
        Assert.Equal(ChannelBinding.Require, cs.ChannelBinding);
        Assert.Equal(7, cs.Timeout);
        Assert.Equal("-c search_path=app,public", cs.Options);
        Assert.Equal("read-write", cs.TargetSessionAttributes);
        Assert.Equal("mine", cs.ApplicationName);
        Assert.True(cs.TcpKeepAlive);
        Assert.Equal(30, cs.TcpKeepAliveTime);
        Assert.Equal(5, cs.TcpKeepAliveInterval);
        Assert.Equal(GssEncryptionMode.Disable, cs.GssEncryptionMode);
        Assert.True(cs.LoadBalanceHosts);
        Assert.Equal("UTF8", cs.ClientEncoding);
        Assert.Equal("pg", cs.KerberosServiceName);
        Assert.Equal(5432, cs.Port);
        Assert.Equal("app", cs.Database);
    }

    [Fact]
    public void Sslrootcert_system_means_verify_full_against_the_platforms_roots()
    {
        var cs = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Normalize("postgres://u:p@h/d?sslrootcert=system"));
        Assert.Equal(SslMode.VerifyFull, cs.SslMode);
        Assert.Null(cs.RootCertificate);
    }

    [Theory]
    [InlineData("postgres://u:p@h1:5433,h2:5434/d", "h1:5433,h2:5434")]
    [InlineData("postgres://u:p@h1,h2/d", "h1,h2")]
    [InlineData("postgres://u:p@[::1]:5433,h2/d", "[::1]:5433,h2")]
    [InlineData("postgres://u:p@h1,h2/d?port=5433,5434", "h1:5433,h2:5434")]
    public void Multi_host_lists_keep_every_host_and_port(string url, string hosts)
    {
        var cs = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Normalize(url));
        Assert.Equal(hosts, cs.Host);
    }

    [Fact]
    public void Libpq_keyword_value_strings_are_read_as_libpq_reads_them()
    {
        var cs = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Normalize(@"host=db port=6000 dbname=app user=u password='it\'s a secret' sslmode=require"));
        Assert.Equal("db", cs.Host);
        Assert.Equal(6000, cs.Port);
        Assert.Equal("app", cs.Database);
        Assert.Equal("it's a secret", cs.Password);
        Assert.Equal(SslMode.Require, cs.SslMode);
    }

    [Theory]
    [InlineData("postgres://u:p@h/d?sslcert=/tmp/c.pem", "sslcert")]
    [InlineData("postgres://u:p@h/d?sslrootcert=/etc/ca.pem", "sslrootcert")]
    [InlineData("postgres://u:p@h/d?passfile=/root/.pgpass", "passfile")]
    [InlineData("postgres://u:p@h/d?service=prod", "service")]
    [InlineData("postgres://u:p@h/d?no_such_param=1", "no_such_param")]
    [InlineData("postgres://u:p@h/d?sslmode=sometimes", "sslmode")]
    [InlineData("postgres://u:p@h/d?target_session_attrs=leader", "target_session_attrs")]
    [InlineData("postgres://u:p@h/d?connect_timeout=soon", "connect_timeout")]
    [InlineData("postgres://u:p@h1,h2/d?port=1,2,3", "port")]
    [InlineData("host=db sslkey=/k.pem", "sslkey")]
    public void Unsupported_or_invalid_parameters_are_refused_by_name(string value, string parameter)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => PostgresConnectionString.Normalize(value));
        Assert.Contains($"'{parameter}'", e.Message, StringComparison.Ordinal);
    }
}
