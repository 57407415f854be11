using Platform.Gateway.Keys;
using Xunit;

namespace Platform.Gateway.Tests;

[Trait("Tier", "Fast")]
public sealed class ConnectionStringKeyTests
{
    [Theory]
    [InlineData("postgres://u:pk_live_abc@api.example.test/db", "pk_live_abc")]
    [InlineData("postgresql://u:pk%2Fwith%3Aescapes@api.example.test/db?sslmode=require", "pk/with:escapes")]
    [InlineData("POSTGRES://u:k@h/db", "k")]
    public void The_password_of_a_postgres_url_is_the_key(string connectionString, string key) =>
        Assert.Equal(key, ConnectionStringKey.From(connectionString));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("postgres://u@h/db")]
    [InlineData("postgres://u:@h/db")]
    [InlineData("https://u:k@h/db")]
    [InlineData("Host=h;Password=k")]
    [InlineData("postgres://[broken")]
    public void Anything_else_yields_no_key(string? connectionString) =>
        Assert.Null(ConnectionStringKey.From(connectionString));
}
