using System.Text.Json;
using GraphQLParser.AST;
using Platform.DataPlane.Planning.Errors;
using Platform.DataPlane.Planning.Sql;
using Platform.DataPlane.Schema.Model;

namespace Platform.DataPlane.Planning.Planner;

public sealed partial class OperationPlanner
{
    /// <summary>
    /// Resolves orderBy into ORDER BY terms; a keyed ordering is made unique as v4 does, so positions are unique.
    /// A set-returning function's rows (<paramref name="functionSource"/>, v4's <c>@sortable</c>) get no primary key
    /// appended: as in v4, their ordering is keyed only when one of its values is unique, else cursors are positions.
    /// </summary>
    private static OrderSpec ResolveOrder(PlanContext context, TableModel table, GraphQLValue? orderBy, bool unkeyedSource, bool functionSource = false)
    {
        var names = new List<string>();
        switch (orderBy)
        {
            case null or GraphQLNullValue:
                names.Add(table.IsNode && !unkeyedSource ? "PRIMARY_KEY_ASC" : "NATURAL");
                break;
            case GraphQLEnumValue e:
                names.Add(e.Name.StringValue);
                break;
            case GraphQLListValue list:
                foreach (var item in list.Values ?? [])
                {
                    names.Add(item switch
                    {
                        GraphQLEnumValue e => e.Name.StringValue,
                        GraphQLVariable v when context.StructuralVariable(v.Name.StringValue) is { ValueKind: JsonValueKind.String } s => s.GetString()!,
                        _ => throw context.Error(ErrorCodes.ValidationFailed, "orderBy takes enum values.", item),
                    });
                }

                break;
            case GraphQLVariable v:
                var json = context.StructuralVariable(v.Name.StringValue);
                if (json is { ValueKind: JsonValueKind.String } one)
                {
                    names.Add(one.GetString()!);
                }
                else if (json is { ValueKind: JsonValueKind.Array } many)
                {
                    names.AddRange(many.EnumerateArray().Select(x => x.GetString() ?? ""));
                }
                else
                {
                    names.Add(table.IsNode && !unkeyedSource ? "PRIMARY_KEY_ASC" : "NATURAL");
                }

                break;
        }

        var terms = new List<OrderTerm>();
        var unique = false;
        foreach (var name in names)
        {
            if (name == "NATURAL")
            {
                continue;
            }

            var descending = name.EndsWith("_DESC", StringComparison.Ordinal);
            var stem = name.EndsWith("_ASC", StringComparison.Ordinal) ? name[..^4] : descending ? name[..^5] : "";
            if (stem == "PRIMARY_KEY" && table.IsNode)
            {
                terms.AddRange(table.PrimaryKey!.Select(c => new OrderTerm(c, descending)));
                unique = true;
                continue;
            }

            if (table.ComputedColumns.FirstOrDefault(f => f.Sortable && f.OrderName == stem) is { } computed)
            {
                terms.Add(new OrderTerm(null, descending, computed));
                unique |= computed.SortUnique;
                continue;
            }

            var column = table.Columns.FirstOrDefault(c => c.OrderName == stem && c.Orderable)
                ?? throw new GraphQLRequestException(ErrorCodes.ValidationFailed, $"\"{name}\" is not a value of {table.OrderByTypeName}.");
            terms.Add(new OrderTerm(column, descending));
            // Keys from smart tags (negative oids) make no column unique here, as in v4: the primary key is still appended.
            unique |= table.Lookups.Any(l => l.ConstraintOid > 0 && l.Columns.Count == 1 && l.Columns[0].Name == column.Name);
        }

        var prefixes = names.Where(n => n != "NATURAL").Select(n => n.ToLowerInvariant()).ToList();
        if (functionSource)
        {
            return new OrderSpec(terms, prefixes, unique && terms.Count > 0);
        }

        var keyed = table.IsNode && !unkeyedSource;
        if (keyed && !unique)
        {
            // As v4: a non-unique ordering gets the whole primary key appended (even a column already ordered on),
            // and an ordering that names nothing is the primary key's, cursors included.
            terms.AddRange(table.PrimaryKey!.Select(pk => new OrderTerm(pk, false)));
            if (prefixes.Count == 0)
            {
                prefixes.Add("primary_key_asc");
            }
        }

        return new OrderSpec(terms, prefixes, keyed);
    }

    private static void OrderBy(SqlBuilder sql, OrderSpec order, SqlAlias row, bool reverse)
    {
        for (var i = 0; i < order.Terms.Count; i++)
        {
            var term = order.Terms[i];
            term.Write(sql.Sql(i > 0 ? ", " : ""), row).Sql(term.Descending ^ reverse ? " desc" : " asc");
        }
    }
}
