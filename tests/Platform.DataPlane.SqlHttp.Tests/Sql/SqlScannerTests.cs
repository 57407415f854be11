using Platform.DataPlane.SqlHttp.Sql;
using Xunit;

namespace Platform.DataPlane.SqlHttp.Tests.Sql;

/// <summary>The lexical pass that keeps one query one statement: semicolons only count outside every quoted form.</summary>
[Trait("Tier", "Fast")]
public sealed class SqlScannerTests
{
    [Theory]
    [InlineData("select 1", 1)]
    [InlineData("select 1;", 1)]
    [InlineData(";;select 1;;", 1)]
    [InlineData("select 1; select 2", 2)]
    [InlineData("", 0)]
    [InlineData("  ;  -- only a comment\n /* and another */ ;", 0)]
    [InlineData("select ';'", 1)]
    [InlineData("select 'it''s; fine'", 1)]
    [InlineData("select \"a;b\" from t", 1)]
    [InlineData("select \"a\"\";b\" from t", 1)]
    [InlineData("select E'\\'; still a string'", 1)]
    [InlineData("select e'\\\\'; select 2", 2)]
    [InlineData("select $$;$$", 1)]
    [InlineData("select $tag$ $$; $tag$", 1)]
    [InlineData("select $1; select $2", 2)]
    [InlineData("select 1 -- ; not a boundary\n", 1)]
    [InlineData("select /* outer /* inner; */ still; */ 1", 1)]
    [InlineData("select 'never closed; select 2", 1)]
    [InlineData("select $$never closed; select 2", 1)]
    public void Statements_are_counted_outside_strings_identifiers_dollar_quotes_and_comments(string sql, int count) =>
        Assert.Equal(count, SqlScanner.Scan(sql).StatementCount);

    [Theory]
    [InlineData("select 1", "SELECT")]
    [InlineData("  /* c */ Begin Read Only", "BEGIN,READ,ONLY")]
    [InlineData("set local role x", "SET,LOCAL,ROLE")]
    [InlineData("(select 1)", "")]
    [InlineData("with x as (select 1) select * from x", "WITH,X,AS")]
    [InlineData("reset role; select 1", "RESET,ROLE")]
    public void The_leading_words_of_the_first_statement_are_kept_upper_cased(string sql, string words) =>
        Assert.Equal(words, string.Join(',', SqlScanner.Scan(sql).Keywords));

    [Theory]
    [InlineData("select set_config('role', 'x', false)", true)]
    [InlineData("select SET_CONFIG('role', 'x', false)", true)]
    [InlineData("select \"set_config\"('role', 'x', false)", true)]
    [InlineData("select pg_catalog.set_config('a','b',true)", true)]
    [InlineData("select query_to_xml('select 1', true, true, '')", true)]
    [InlineData("select * from dblink('x', 'y') as t(a int)", true)]
    [InlineData("do $$ begin perform set_config('a','b',false); end $$", false)]
    [InlineData("select 'set_config'", false)]
    [InlineData("select 1 -- set_config\n", false)]
    [InlineData("select \"SET_CONFIG\"()", false)]
    [InlineData("select set_configs()", false)]
    public void Functions_that_write_the_session_are_found_only_where_they_are_code(string sql, bool found) =>
        Assert.Equal(found, SqlScanner.Scan(sql).NamesSessionWriter);
}
