namespace Platform.DataPlane.Introspection;

/// <summary>
/// A cheap "did the exposed catalog change?" check for polling: every DDL statement writes new versions of the catalog
/// rows it touches, so the row versions (xmin) of the relevant rows change whenever tables, columns, constraints,
/// functions, types, comments, grants or policies in the exposed schemas do. One round trip over a few hundred rows,
/// against the full introspection query (<see cref="CatalogQuery"/>) the rebuild runs only when this value moves.
/// </summary>
public static class CatalogVersionQuery
{
    /// <summary>$1: the exposed schemas (text[]). One row, one md5 text column.</summary>
    public const string Text = """
        WITH ns AS (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = ANY($1)),
        rels AS (SELECT c.oid, c.xmin FROM pg_catalog.pg_class c WHERE c.relnamespace IN (SELECT oid FROM ns))
        SELECT md5(coalesce(string_agg(v, ',' ORDER BY v), '')) FROM (
            SELECT 'n' || n.oid || ':' || n.xmin FROM pg_catalog.pg_namespace n WHERE n.oid IN (SELECT oid FROM ns)
            UNION ALL SELECT 'c' || oid || ':' || xmin FROM rels
            UNION ALL SELECT 'a' || a.attrelid || '.' || a.attnum || ':' || a.xmin
                FROM pg_catalog.pg_attribute a WHERE a.attrelid IN (SELECT oid FROM rels) AND a.attnum > 0
            UNION ALL SELECT 'k' || k.oid || ':' || k.xmin FROM pg_catalog.pg_constraint k WHERE k.connamespace IN (SELECT oid FROM ns)
            UNION ALL SELECT 'p' || p.oid || ':' || p.xmin FROM pg_catalog.pg_proc p WHERE p.pronamespace IN (SELECT oid FROM ns)
            UNION ALL SELECT 't' || t.oid || ':' || t.xmin FROM pg_catalog.pg_type t WHERE t.typnamespace IN (SELECT oid FROM ns)
            UNION ALL SELECT 'e' || e.oid || ':' || e.xmin FROM pg_catalog.pg_enum e
                WHERE e.enumtypid IN (SELECT t.oid FROM pg_catalog.pg_type t WHERE t.typnamespace IN (SELECT oid FROM ns))
            UNION ALL SELECT 'd' || d.objoid || '.' || d.objsubid || ':' || d.xmin FROM pg_catalog.pg_description d
                WHERE d.objoid IN (SELECT oid FROM rels) OR d.objoid IN (SELECT p.oid FROM pg_catalog.pg_proc p WHERE p.pronamespace IN (SELECT oid FROM ns))
            UNION ALL SELECT 'y' || y.oid || ':' || y.xmin FROM pg_catalog.pg_policy y WHERE y.polrelid IN (SELECT oid FROM rels)
        ) AS versions (v)
        """;
}
