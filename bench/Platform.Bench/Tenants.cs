using System.Text;
using Platform.Testing.Postgres;

namespace Platform.Bench;

/// <summary>The tenant schemas the benchmarks run on.</summary>
public static class Tenants
{
    public static async Task<TestDatabase> ItemsAsync(bool withForum = false)
    {
        var db = new TestDatabase();
        await db.InitializeAsync();
        await db.ExecuteAsync("""
            CREATE TABLE public.items (id int PRIMARY KEY, name text NOT NULL, price numeric(10,2) NOT NULL);
            INSERT INTO public.items SELECT g, 'item ' || g, g * 1.25 FROM generate_series(1, 1000) g;
            ANALYZE public.items;
            """);
        if (withForum)
        {
            // The planner benchmark's tenant next to items, so every scenario of a run hits one database and one pool.
            await db.ExecuteAsync(Scenarios.ForumBench.SetupSql());
        }

        return db;
    }

    /// <summary>50 tables of 6 columns, each with a foreign key to the one before: a mid-sized real-world schema.</summary>
    public static string FiftyTablesSql()
    {
        var sql = new StringBuilder();
        for (var i = 1; i <= 50; i++)
        {
            sql.Append("CREATE TABLE public.t").Append(i).Append(" (id serial PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), amount numeric, flags int[], ");
            sql.Append(i == 1 ? "parent_id int" : $"parent_id int REFERENCES public.t{i - 1} (id)").Append(");\n");
            sql.Append("COMMENT ON TABLE public.t").Append(i).Append(" IS 'table ").Append(i).Append("';\n");
        }

        return sql.ToString();
    }
}
