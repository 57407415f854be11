using Platform.DataPlane.Planning.Live;
using Platform.DataPlane.Planning.Plans;
using Xunit;

namespace Platform.DataPlane.Tests.Realtime;

/// <summary>The multiplexed live-query statement, text for text: one VALUES row per subscriber, statements joined laterally.</summary>
[Trait("Tier", "Fast")]
public sealed class MultiplexedQueryTests
{
    private static SqlStatement Statement(string text, int parameters) =>
        new(text, Enumerable.Range(0, parameters).Select(i => (ParameterSource)new ConstantParameter(i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray());

    [Fact]
    public void Two_root_statements_for_three_variable_sets_are_one_statement()
    {
        var statements = new[]
        {
            Statement("""select to_json("t"."v") from "public"."counters" as "t" where "t"."id" = $1::int""", 1),
            Statement("""select count(*) from "public"."items" where "owner" = $1::int and "title" <> $2::text""", 2),
        };
        var bound = new[]
        {
            new[] { new string?[] { "1" }, new string?[] { "7", "a" } },
            new[] { new string?[] { "2" }, new string?[] { "8", null } },
            new[] { new string?[] { "3" }, new string?[] { "9", "c" } },
        };

        var m = MultiplexedQuery.Build(statements, bound);

        Assert.Equal(
            "select \"__live\".\"i\", \"__r0\".\"v\", \"__r1\".\"v\" from (values "
            + "($1::int, $2::text, $3::text, $4::text), ($5::int, $6, $7, $8), ($9::int, $10, $11, $12)) "
            + "as \"__live\"(\"i\", \"s0_1\", \"s1_1\", \"s1_2\") "
            + "left join lateral (select to_json(\"t\".\"v\") from \"public\".\"counters\" as \"t\" where \"t\".\"id\" = \"__live\".\"s0_1\"::int) as \"__r0\"(\"v\") on true "
            + "left join lateral (select count(*) from \"public\".\"items\" where \"owner\" = \"__live\".\"s1_1\"::int and \"title\" <> \"__live\".\"s1_2\"::text) as \"__r1\"(\"v\") on true "
            + "order by 1",
            m.Text);
        Assert.Equal(["0", "1", "7", "a", "1", "2", "8", null, "2", "3", "9", "c"], m.Values);
        Assert.Equal(3, m.Sets);
        Assert.Equal(2, m.Fields);
    }

    [Fact]
    public void Placeholders_are_rebound_only_outside_quoted_identifiers_and_literals()
    {
        var m = MultiplexedQuery.Build([Statement("""select 'costs $1' as "$1 col", "a$1", $1::text""", 1)], [[["x"]]]);
        Assert.Contains("""(select 'costs $1' as "$1 col", "a$1", "__live"."s0_1"::text)""", m.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_variable_set_that_does_not_bind_every_parameter_is_refused()
    {
        Assert.Throws<ArgumentException>(() => MultiplexedQuery.Build([Statement("select $1::int, $2::int", 2)], [[["1"]]]));
        Assert.Throws<ArgumentException>(() => MultiplexedQuery.Build([Statement("select 1", 0)], Array.Empty<string?[][]>()));
    }
}
