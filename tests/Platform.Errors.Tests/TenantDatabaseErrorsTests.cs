using System.Net.Sockets;
using Npgsql;
using Platform.Errors.Postgres;
using Xunit;

namespace Platform.Errors.Tests;

[Trait("Tier", "Fast")]
public sealed class TenantDatabaseErrorsTests
{
    // Npgsql reports an exhausted pool and a command timeout alike: an NpgsqlException around a TimeoutException.
    private static NpgsqlException DriverTimeout() => new("timed out", new TimeoutException());

    private static PostgresException Postgres(string sqlState, string message = "boom") => new(message, "ERROR", "ERROR", sqlState);

    [Fact]
    public void A_timeout_while_getting_a_connection_is_an_exhausted_pool_with_retry_after()
    {
        var error = TenantDatabaseErrors.Classify(new ConnectionOpenException(DriverTimeout()))!;

        Assert.Equal(ErrorCodes.PoolTimeout, error.Code);
        Assert.Equal(503, error.Status);
        Assert.Equal(1, error.RetryAfterSeconds);
        Assert.False(error.DuringExecution);
    }

    [Fact]
    public void A_timeout_on_an_open_connection_is_the_statement_timeout()
    {
        var error = TenantDatabaseErrors.Classify(DriverTimeout())!;

        Assert.Equal(ErrorCodes.StatementTimeout, error.Code);
        Assert.Equal(400, error.Status);
        Assert.True(error.DuringExecution);
    }

    [Fact]
    public void The_server_cancelling_for_statement_timeout_is_the_statement_timeout()
    {
        var error = TenantDatabaseErrors.Classify(Postgres(PostgresErrorCodes.QueryCanceled))!;

        Assert.Equal(ErrorCodes.StatementTimeout, error.Code);
        Assert.Null(error.Postgres);
    }

    [Theory]
    [InlineData("08006")]
    [InlineData("08001")]
    [InlineData("57P01")]
    [InlineData("57P03")]
    [InlineData("53300")]
    public void Connection_and_shutdown_sqlstates_are_unavailable(string sqlState)
    {
        var error = TenantDatabaseErrors.Classify(Postgres(sqlState))!;

        Assert.Equal(ErrorCodes.DatabaseUnavailable, error.Code);
        Assert.Equal(503, error.Status);
        Assert.NotNull(error.RetryAfterSeconds);
        Assert.True(UnavailableSqlStates.Contains(sqlState));
    }

    [Fact]
    public void A_protocol_violation_is_the_requests_error_not_unavailability()
    {
        Assert.False(UnavailableSqlStates.Contains("08P01"));
        Assert.Equal(ErrorCodes.DatabaseError, TenantDatabaseErrors.Classify(Postgres("08P01"))!.Code);
    }

    [Fact]
    public void A_refused_login_while_connecting_is_unavailable_and_names_no_user()
    {
        var login = new PostgresException("password authentication failed for user \"app\"", "FATAL", "FATAL", "28P01");

        var error = TenantDatabaseErrors.Classify(new ConnectionOpenException(login))!;

        Assert.Equal(ErrorCodes.DatabaseUnavailable, error.Code);
        Assert.Contains("authentication failed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("app", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_socket_is_unavailable()
    {
        var refused = new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused));

        Assert.Equal(ErrorCodes.DatabaseUnavailable, TenantDatabaseErrors.Classify(refused)!.Code);
        Assert.Equal(ErrorCodes.DatabaseUnavailable, TenantDatabaseErrors.Classify(new ConnectionOpenException(refused))!.Code);
    }

    [Fact]
    public void A_postgres_error_keeps_its_fields_and_is_an_execution_error()
    {
        var unique = new PostgresException("duplicate key value violates unique constraint \"t_pkey\"", "ERROR", "ERROR", "23505",
            detail: "Key (id)=(1) already exists.", hint: "pick another", position: 8, tableName: "t", constraintName: "t_pkey");

        var error = TenantDatabaseErrors.Classify(unique)!;

        Assert.Equal(ErrorCodes.DatabaseError, error.Code);
        Assert.Equal(400, error.Status);
        Assert.True(error.DuringExecution);
        Assert.Equal("duplicate key value violates unique constraint \"t_pkey\"", error.Message);
        Assert.Equal("23505", error.Postgres!.SqlState);
        Assert.Equal("Key (id)=(1) already exists.", error.Postgres.Detail);
        Assert.Equal("pick another", error.Postgres.Hint);
        Assert.Equal(8, error.Postgres.Position);
        Assert.Equal("t", error.Postgres.Table);
        Assert.Equal("t_pkey", error.Postgres.Constraint);
    }

    [Fact]
    public void Detail_is_left_out_when_the_data_source_redacts_it()
    {
        var unique = new PostgresException("dup", "ERROR", "ERROR", "23505", detail: "redacted by Npgsql");

        Assert.Null(TenantDatabaseErrors.Classify(unique, includeDetail: false)!.Postgres!.Detail);
    }

    [Fact]
    public void A_data_exception_is_bad_user_input()
    {
        var error = TenantDatabaseErrors.Classify(Postgres("22P02", "invalid input syntax for type integer"))!;

        Assert.Equal(ErrorCodes.BadUserInput, error.Code);
        Assert.Equal("22P02", error.Postgres!.SqlState);
    }

    [Fact]
    public void An_unknown_driver_failure_is_internal_and_other_exceptions_are_not_database_failures()
    {
        Assert.Equal(ErrorCodes.InternalError, TenantDatabaseErrors.Classify(new NpgsqlException("odd"))!.Code);
        Assert.Null(TenantDatabaseErrors.Classify(new InvalidOperationException("not the database")));
    }

    [Fact]
    public void Describe_names_the_cause_without_connection_details()
    {
        Assert.Equal("authentication failed", TenantDatabaseErrors.Describe(Postgres("28P01")));
        Assert.Equal("the database does not exist", TenantDatabaseErrors.Describe(new ConnectionOpenException(Postgres("3D000"))));
        Assert.Equal("timed out", TenantDatabaseErrors.Describe(DriverTimeout()));
        Assert.Equal("PostgreSQL error 42P01", TenantDatabaseErrors.Describe(Postgres("42P01")));
    }
}
