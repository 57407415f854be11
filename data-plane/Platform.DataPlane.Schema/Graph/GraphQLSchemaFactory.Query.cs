using GraphQL.Types;
using Platform.DataPlane.Schema.Building;

namespace Platform.DataPlane.Schema.Graph;

public sealed partial class GraphQLSchemaFactory
{
    private ObjectGraphType BuildQuery()
    {
        var query = new ObjectGraphType { Name = "Query", Description = "The root query type which gives access points into the data universe." };
        named["Query"] = query;
        query.AddField(new FieldType { Name = "query", Description = V4Descriptions.QueryQuery, ResolvedType = new NonNullGraphType(query) });
        query.AddField(new FieldType { Name = "nodeId", Description = "The root query type must be a `Node` to work well with Relay 1 mutations. This just resolves to `query`.", ResolvedType = new NonNullGraphType(named["ID"]) });
        // As in PostGraphile v4, Query is a Node itself (its nodeId is "query"), for Relay 1.
        query.AddResolvedInterface(node);
        node.AddPossibleType(query);
        query.AddField(new FieldType
        {
            Name = "node",
            Description = "Fetches an object given its globally unique `ID`.",
            ResolvedType = node,
            Arguments = new QueryArguments(new QueryArgument(new NonNullGraphType(named["ID"])) { Name = "nodeId", Description = "The globally unique `ID`." }),
        });

        // v4's order, plugin by plugin: every collection, every unique lookup, the functions, then node fetchers.
        foreach (var table in model.Tables.Where(t => !t.OmitAll))
        {
            if (table.HasConnections)
            {
                query.AddField(new FieldType
                {
                    Name = table.AllFieldName,
                    Description = $"Reads and enables pagination through a set of `{table.TypeName}`.",
                    ResolvedType = named[table.ConnectionTypeName],
                    Arguments = ConnectionArguments(table),
                });
            }

            if (table.HasLists)
            {
                query.AddField(new FieldType
                {
                    Name = table.AllListFieldName,
                    Description = $"Reads a set of `{table.TypeName}`.",
                    ResolvedType = new ListGraphType(new NonNullGraphType(named[table.TypeName])),
                    Arguments = ListArguments(table),
                });
            }
        }

        foreach (var (table, lookup) in model.Tables.SelectMany(t => t.Lookups.Select(l => (t, l))))
        {
            var args = lookup.Columns.Select(c => InputType(c.Type) is { } t ? new QueryArgument(new NonNullGraphType(t)) { Name = c.FieldName } : null).ToList();
            if (args.All(a => a is not null))
            {
                query.AddField(new FieldType { Name = lookup.FieldName, ResolvedType = named[table.TypeName], Arguments = new QueryArguments(args!) });
            }
        }

        foreach (var function in model.QueryFunctions)
        {
            if (function.HasConnection && FunctionField(function) is { } field)
            {
                query.AddField(field);
            }

            if (function.HasList && FunctionField(function, list: true) is { } list)
            {
                query.AddField(list);
            }
        }

        foreach (var table in model.Tables.Where(t => t.IsNode))
        {
            query.AddField(new FieldType
            {
                Name = NameCollisions.NodeFieldName(table),
                Description = $"Reads a single `{table.TypeName}` using its globally unique `ID`.",
                ResolvedType = named[table.TypeName],
                Arguments = new QueryArguments(new QueryArgument(new NonNullGraphType(named["ID"])) { Name = "nodeId", Description = $"The globally unique `ID` to be used in selecting a single `{table.TypeName}`." }),
            });
        }

        return query;
    }
}
