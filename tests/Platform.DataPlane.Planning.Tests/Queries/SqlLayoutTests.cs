using Platform.DataPlane.Planning.Tests.Support;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Queries;

[Trait("Tier", "Fast")]
public sealed class SqlLayoutTests
{
    [Fact]
    public void Clauses_of_each_level_start_lines_and_literals_are_left_alone()
    {
        var sql = "select x, (select count(*) from \"t from\" as t where t.a = ' where ') from u where u.id = $1 order by u.id limit 3";

        Assert.Equal(
            "select x, (\n  select count(*)\n  from \"t from\" as t\n  where t.a = ' where ')\nfrom u\nwhere u.id = $1\norder by u.id\nlimit 3",
            SqlLayout.Format(sql));
    }

    [Fact]
    public void Clauses_inside_function_calls_stay_on_their_line()
    {
        var sql = "select json_agg(x order by y) filter (where z) from t";

        Assert.Equal("select json_agg(x order by y) filter (where z)\nfrom t", SqlLayout.Format(sql));
    }
}
