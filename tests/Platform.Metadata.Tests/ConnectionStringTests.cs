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
}
