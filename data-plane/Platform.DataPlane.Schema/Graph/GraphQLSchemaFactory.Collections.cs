using GraphQL.Types;
using Platform.DataPlane.Schema.Model;

namespace Platform.DataPlane.Schema.Graph;

public sealed partial class GraphQLSchemaFactory
{
    private void AddCollectionTypes(TableModel table)
    {
        var row = named[table.TypeName];
        var edge = new ObjectGraphType { Name = table.EdgeTypeName, Description = $"A `{table.TypeName}` edge in the connection." };
        edge.AddField(new FieldType { Name = "cursor", Description = "A cursor for use in pagination.", ResolvedType = named["Cursor"] });
        edge.AddField(new FieldType { Name = "node", Description = $"The `{table.TypeName}` at the end of the edge.", ResolvedType = row });
        named[table.EdgeTypeName] = edge;

        var connection = new ObjectGraphType { Name = table.ConnectionTypeName, Description = $"A connection to a list of `{table.TypeName}` values." };
        connection.AddField(new FieldType { Name = "nodes", Description = $"A list of `{table.TypeName}` objects.", ResolvedType = new NonNullGraphType(new ListGraphType(row)) });
        connection.AddField(new FieldType { Name = "edges", Description = $"A list of edges which contains the `{table.TypeName}` and cursor to aid in pagination.", ResolvedType = new NonNullGraphType(new ListGraphType(new NonNullGraphType(edge))) });
        connection.AddField(new FieldType { Name = "pageInfo", Description = "Information to aid in pagination.", ResolvedType = new NonNullGraphType(named["PageInfo"]) });
        connection.AddField(new FieldType { Name = "totalCount", Description = $"The count of *all* `{table.TypeName}` you could get from the connection.", ResolvedType = new NonNullGraphType(named["Int"]) });
        named[table.ConnectionTypeName] = connection;

        var orderBy = new EnumerationGraphType { Name = table.OrderByTypeName, Description = $"Methods to use when ordering `{table.TypeName}`." };
        foreach (var value in OrderValues(table))
        {
            orderBy.Add(value, value);
        }

        named[table.OrderByTypeName] = orderBy;

        var condition = new InputObjectGraphType
        {
            Name = table.ConditionTypeName,
            Description = V4Descriptions.Wrap($"A condition to be used against `{table.TypeName}` object types. All fields are tested for equality and combined with a logical ‘and.’"),
        };
        foreach (var column in table.Columns.Where(c => c.Filterable))
        {
            if (InputType(column.Type) is { } input)
            {
                condition.AddField(new FieldType { Name = column.FieldName, Description = $"Checks for equality with the object’s `{column.FieldName}` field.", ResolvedType = input });
            }
        }

        foreach (var function in table.ComputedColumns.Where(f => f.Filterable))
        {
            if (InputType(function.ReturnType!) is { } input)
            {
                condition.AddField(new FieldType { Name = function.FieldName, Description = $"Checks for equality with the object’s `{function.FieldName}` field.", ResolvedType = input });
            }
        }

        named[table.ConditionTypeName] = condition;
    }

    /// <summary>The orderBy enum values, in PostGraphile's order: NATURAL, then each column, each <c>@sortable</c> computed column, then the primary key.</summary>
    public static IEnumerable<string> OrderValues(TableModel table)
    {
        yield return "NATURAL";
        foreach (var column in table.Columns.Where(c => c.Orderable))
        {
            yield return column.OrderName + "_ASC";
            yield return column.OrderName + "_DESC";
        }

        foreach (var function in table.ComputedColumns.Where(f => f.Sortable))
        {
            yield return function.OrderName + "_ASC";
            yield return function.OrderName + "_DESC";
        }

        if (table.IsNode)
        {
            yield return "PRIMARY_KEY_ASC";
            yield return "PRIMARY_KEY_DESC";
        }
    }

    private QueryArguments ConnectionArguments(TableModel table, IEnumerable<QueryArgument>? leading = null, bool list = false)
    {
        var args = new QueryArguments(leading ?? []);
        args.Add(new QueryArgument(named["Int"]) { Name = "first", Description = "Only read the first `n` values of the set." });
        if (!list)
        {
            args.Add(new QueryArgument(named["Int"]) { Name = "last", Description = "Only read the last `n` values of the set." });
        }

        args.Add(new QueryArgument(named["Int"]) { Name = "offset", Description = list ? "Skip the first `n` values." : V4Descriptions.Offset });
        if (!list)
        {
            args.Add(new QueryArgument(named["Cursor"]) { Name = "before", Description = "Read all values in the set before (above) this cursor." });
            args.Add(new QueryArgument(named["Cursor"]) { Name = "after", Description = "Read all values in the set after (below) this cursor." });
        }

        var orderBy = new QueryArgument(new ListGraphType(new NonNullGraphType(named[table.OrderByTypeName]))) { Name = "orderBy", Description = $"The method to use when ordering `{table.TypeName}`." };
        // v4 gives a simple collection no default order: its rows come in the table's own order.
        if (!list)
        {
            orderBy.DefaultValue = new object[] { table.IsNode ? "PRIMARY_KEY_ASC" : "NATURAL" };
        }

        args.Add(orderBy);
        args.Add(new QueryArgument(named[table.ConditionTypeName]) { Name = "condition", Description = "A condition to be used in determining which values should be returned by the collection." });
        return args;
    }

    /// <summary>v4's simple collection arguments: a connection's, without last, before and after.</summary>
    private QueryArguments ListArguments(TableModel table) => ConnectionArguments(table, list: true);

    /// <summary>The referencing rows as v4's simple collection (<c>eventsByGroupIdList</c>).</summary>
    private FieldType BackwardList(TableModel table, BackwardRelation relation) => new()
    {
        Name = relation.ListFieldName,
        Description = $"Reads and enables pagination through a set of `{relation.Source.TypeName}`.",
        ResolvedType = new NonNullGraphType(new ListGraphType(new NonNullGraphType(named[relation.Source.TypeName]))),
        Arguments = ListArguments(relation.Source),
    };
}
