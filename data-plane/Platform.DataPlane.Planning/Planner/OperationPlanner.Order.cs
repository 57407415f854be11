using System.Text.Json;
using GraphQLParser.AST;
using Platform.DataPlane.Planning.Errors;
using Platform.DataPlane.Planning.Sql;
using Platform.DataPlane.Schema.Model;

namespace Platform.DataPlane.Planning.Planner;

public sealed partial class OperationPlanner
{
    /// <summary>Resolves orderBy into ORDER BY terms; the primary key always ends a keyed ordering so positions are unique.</summary>
    private static OrderSpec ResolveOrder(PlanContext context, TableModel table, GraphQLValue? orderBy, bool unkeyedSource)
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
                    names.Add(table.IsNode ? "PRIMARY_KEY_ASC" : "NATURAL");
                }

                break;
        }

        var terms = new List<OrderTerm>();
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
                continue;
            }

            var column = table.Columns.FirstOrDefault(c => c.OrderName == stem && c.Orderable)
                ?? throw new GraphQLRequestException(ErrorCodes.ValidationFailed, $"\"{name}\" is not a value of {table.OrderByTypeName}.");
            terms.Add(new OrderTerm(column, descending));
        }

        var keyed = table.IsNode && !unkeyedSource;
        if (keyed)
        {
            foreach (var pk in table.PrimaryKey!)
            {
                if (!terms.Any(t => t.Column.Name == pk.Name))
                {
                    terms.Add(new OrderTerm(pk, false));
                }
            }
        }

        var key = keyed ? string.Join(",", names.Select(n => n.ToLowerInvariant())) : "natural";
        return new OrderSpec(terms, key, keyed);
    }

    private static void OrderBy(SqlBuilder sql, OrderSpec order, SqlAlias row, bool reverse)
    {
        for (var i = 0; i < order.Terms.Count; i++)
        {
            var term = order.Terms[i];
            sql.Sql(i > 0 ? ", " : "").Column(row, term.Column.Name).Sql(term.Descending ^ reverse ? " desc" : " asc");
        }
    }
}
