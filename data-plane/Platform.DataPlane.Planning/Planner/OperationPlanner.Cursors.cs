using Platform.DataPlane.Planning.Plans;
using Platform.DataPlane.Planning.Sql;

namespace Platform.DataPlane.Planning.Planner;

public sealed partial class OperationPlanner
{
    /// <summary>
    /// The opaque cursor of the current aggregated row, as PostGraphile v4 writes it: base64 of
    /// <c>["score_desc","title_asc",[10,"Engines",1]]</c> (the orderBy values, then the row's order values) for
    /// keyed orderings, <c>["natural",3]</c> or <c>["sku_asc",3]</c> (the row's position) otherwise. Built in SQL so the response is never
    /// re-serialised.
    /// </summary>
    private static void CursorExpression(SqlBuilder sql, OrderSpec order, SqlAlias page)
    {
        if (order.IsKeyed)
        {
            KeyedCursor(sql, order, RowOf(page));
            return;
        }

        var prefixes = order.PositionPrefixes;
        CompactJson.Base64(sql, () => CompactJson.Array(sql, prefixes.Count + 1, i =>
        {
            if (i < prefixes.Count)
            {
                sql.NameLiteral(prefixes[i]).Sql("::text");
                return;
            }

            sql.Sql(page.Name + ".__i");
        }));
    }

    /// <summary>A keyed cursor over the row's own order values (a connection edge or a mutation payload's edge).</summary>
    internal static void KeyedCursor(SqlBuilder sql, OrderSpec order, SqlAlias row) =>
        CompactJson.Base64(sql, () => CompactJson.Array(sql, order.Prefixes.Count + 1, i =>
        {
            if (i < order.Prefixes.Count)
            {
                sql.NameLiteral(order.Prefixes[i]).Sql("::text");
                return;
            }

            CompactJson.Array(sql, order.Terms.Count, t => CursorValue(sql, row, order.Terms[t])).Sql("::json");
        }));

    /// <summary>One order value inside a cursor. A composite goes as its text form, which casts back to the type in the
    /// cursor condition; its JSON object form would not.</summary>
    internal static void CursorValue(SqlBuilder sql, SqlAlias row, OrderTerm term)
    {
        term.Write(sql, row);
        if (term.Type.HasComposite)
        {
            sql.Sql("::text");
        }
        else if (term.Type.Kind == Schema.Model.ScalarKind.BigFloat)
        {
            // v4 reads the cursor's JSON in JavaScript, where 12.50 becomes the number 12.5: float8's shortest text
            // is the same digits (it differs only in exponent form beyond 1e15).
            sql.Sql("::float8");
        }
    }

    /// <summary>
    /// Rows strictly after (or before) the cursor in the given ordering, null-aware: ascending sorts nulls last
    /// and descending nulls first, as PostgreSQL does by default. Never evaluates to NULL.
    /// </summary>
    private static void CursorCondition(SqlBuilder sql, OrderSpec order, SqlAlias row, ParameterSource cursor, bool after)
    {
        var terms = order.Terms;
        if (terms.All(t => t.NonNull) && terms.All(t => t.Descending == terms[0].Descending))
        {
            // All keys present and one direction: a row comparison, which an index on the keys can serve.
            sql.Sql("(");
            for (var i = 0; i < terms.Count; i++)
            {
                terms[i].Write(sql.Sql(i > 0 ? ", " : ""), row);
            }

            sql.Sql(after ^ terms[0].Descending ? ") > (" : ") < (");
            for (var i = 0; i < terms.Count; i++)
            {
                sql.Sql(i > 0 ? ", " : "").Parameter(new CursorParameter(cursor, order.Key, i), new SqlTypeName(terms[i].Type.SqlType));
            }

            sql.Sql(")");
            return;
        }

        sql.Sql("coalesce((");
        for (var i = 0; i < terms.Count; i++)
        {
            sql.Sql(i > 0 ? " or (" : "(");
            for (var j = 0; j < i; j++)
            {
                terms[j].Write(sql, row).Sql(" is not distinct from ");
                sql.Parameter(new CursorParameter(cursor, order.Key, j), new SqlTypeName(terms[j].Type.SqlType)).Sql(" and ");
            }

            var value = new CursorParameter(cursor, order.Key, i);
            var type = new SqlTypeName(terms[i].Type.SqlType);
            // For a composite, IS NULL means "every attribute is null"; only IS [NOT] DISTINCT FROM NULL tests the value.
            var composite = terms[i].Type.HasComposite;
            var isNull = composite ? " is not distinct from null" : " is null";
            var isNotNull = composite ? " is distinct from null" : " is not null";
            if (after ^ terms[i].Descending)
            {
                // Greater in an ascending, nulls-last order: bigger values, then nulls.
                sql.Sql("(").Parameter(value, type).Sql(isNotNull).Sql(" and (");
                terms[i].Write(sql, row).Sql(" > ").Parameter(value, type).Sql(" or ");
                terms[i].Write(sql, row).Sql(isNull).Sql("))");
            }
            else
            {
                // Smaller in an ascending, nulls-last order: smaller values, or any value when the cursor sits among the nulls.
                terms[i].Write(sql.Sql("("), row).Sql(" < ").Parameter(value, type)
                    .Sql(" or (").Parameter(value, type).Sql(isNull).Sql(" and ");
                terms[i].Write(sql, row).Sql(isNotNull).Sql("))");
            }

            sql.Sql(")");
        }

        sql.Sql("), false)");
    }
}
