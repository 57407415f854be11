using GraphQL.Types;
using Platform.DataPlane.Schema.Model;

namespace Platform.DataPlane.Schema.Graph;

public sealed partial class GraphQLSchemaFactory
{
    private void FillRowType(TableModel table)
    {
        var row = (ObjectGraphType)named[table.TypeName];
        if (table.IsNode)
        {
            row.AddField(new FieldType { Name = "nodeId", Description = "A globally unique identifier. Can be used in various places throughout the system to identify this single value.", ResolvedType = new NonNullGraphType(named["ID"]) });
            row.AddResolvedInterface(node);
            node.AddPossibleType(row);
            row.IsTypeOf = _ => false;
        }

        foreach (var column in table.Columns)
        {
            row.AddField(new FieldType
            {
                Name = column.FieldName,
                Description = column.Description,
                DeprecationReason = column.DeprecationReason,
                ResolvedType = OutputType(column.Type, column.NonNull),
            });
        }

        foreach (var relation in table.ForwardRelations)
        {
            row.AddField(new FieldType
            {
                Name = relation.FieldName,
                Description = $"Reads a single `{relation.Target.TypeName}` that is related to this `{table.TypeName}`.",
                ResolvedType = named[relation.Target.TypeName],
            });
        }

        foreach (var relation in table.BackwardRelations)
        {
            if (relation.HasList && !relation.HasConnection)
            {
                row.AddField(BackwardList(table, relation));
                continue;
            }

            row.AddField(relation.IsUnique
                ? new FieldType
                {
                    Name = relation.FieldName,
                    Description = $"Reads a single `{relation.Source.TypeName}` that is related to this `{table.TypeName}`.",
                    ResolvedType = named[relation.Source.TypeName],
                }
                : new FieldType
                {
                    Name = relation.FieldName,
                    Description = $"Reads and enables pagination through a set of `{relation.Source.TypeName}`.",
                    ResolvedType = new NonNullGraphType(named[relation.Source.ConnectionTypeName]),
                    Arguments = ConnectionArguments(relation.Source),
                });
            if (relation.HasList)
            {
                row.AddField(BackwardList(table, relation));
            }
        }

        // Computed columns come after the relations, as v4's plugins add them.
        foreach (var function in table.ComputedColumns)
        {
            if (function.HasConnection && FunctionField(function, computed: true) is { } field)
            {
                row.AddField(field);
            }

            if (function.HasList && FunctionField(function, computed: true, list: true) is { } list)
            {
                row.AddField(list);
            }
        }
    }

    /// <summary>Null when an argument has no input type here; such functions are left out rather than half-exposed.</summary>
    /// <remarks>v4 makes a computed column's connection non-null and a root query function's nullable.</remarks>
    private FieldType? FunctionField(FunctionModel function, bool computed = false, bool list = false)
    {
        var args = new List<QueryArgument>();
        foreach (var arg in function.Arguments)
        {
            if (InputType(arg.Type) is not { } input)
            {
                return null;
            }

            args.Add(new QueryArgument(function.Function.Strict && !arg.HasDefault ? new NonNullGraphType(input) : input) { Name = arg.FieldName });
        }

        var field = new FieldType { Name = function.FieldName, Description = function.Description, DeprecationReason = function.DeprecationReason };
        if (list)
        {
            // v4's simple collection: the values as a plain list, paged by first and offset only.
            field.Name = function.ListFieldName;
            field.ResolvedType = new ListGraphType(function.Returns == FunctionReturn.SetOfRows ? named[function.ReturnTable!.TypeName] : OutputType(function.ReturnType!, false));
            if (function.Returns == FunctionReturn.SetOfRows)
            {
                field.Description ??= $"Reads and enables pagination through a set of `{function.ReturnTable!.TypeName}`.";
            }

            args.Add(new QueryArgument(named["Int"]) { Name = "first", Description = "Only read the first `n` values of the set." });
            args.Add(new QueryArgument(named["Int"]) { Name = "offset", Description = "Skip the first `n` values." });
            SetOrderAndCondition(function, args);
            field.Arguments = new QueryArguments(args);
            return field;
        }

        switch (function.Returns)
        {
            case FunctionReturn.SetOfRows:
                var table = function.ReturnTable!;
                field.ResolvedType = computed ? new NonNullGraphType(named[table.ConnectionTypeName]) : named[table.ConnectionTypeName];
                field.Description ??= $"Reads and enables pagination through a set of `{table.TypeName}`.";
                args.Add(new QueryArgument(named["Int"]) { Name = "first", Description = "Only read the first `n` values of the set." });
                args.Add(new QueryArgument(named["Int"]) { Name = "last", Description = "Only read the last `n` values of the set." });
                args.Add(new QueryArgument(named["Int"]) { Name = "offset", Description = V4Descriptions.Offset });
                args.Add(new QueryArgument(named["Cursor"]) { Name = "before", Description = "Read all values in the set before (above) this cursor." });
                args.Add(new QueryArgument(named["Cursor"]) { Name = "after", Description = "Read all values in the set after (below) this cursor." });
                SetOrderAndCondition(function, args);
                break;
            case FunctionReturn.Row:
                field.ResolvedType = named[function.ReturnTable!.TypeName];
                break;
            case FunctionReturn.SetOfScalars:
                field.ResolvedType = computed ? new NonNullGraphType(ScalarConnection(function)) : ScalarConnection(function);
                args.Add(new QueryArgument(named["Int"]) { Name = "first", Description = "Only read the first `n` values of the set." });
                args.Add(new QueryArgument(named["Int"]) { Name = "last", Description = "Only read the last `n` values of the set." });
                args.Add(new QueryArgument(named["Int"]) { Name = "offset", Description = V4Descriptions.Offset });
                args.Add(new QueryArgument(named["Cursor"]) { Name = "before", Description = "Read all values in the set before (above) this cursor." });
                args.Add(new QueryArgument(named["Cursor"]) { Name = "after", Description = "Read all values in the set after (below) this cursor." });
                break;
            default:
                field.ResolvedType = OutputType(function.ReturnType!, false);
                break;
        }

        field.Arguments = new QueryArguments(args);
        return field;
    }

    /// <summary>v4's <c>@sortable</c>/<c>@filterable</c> on a function returning table rows: the table's orderBy (no default) and condition.</summary>
    private void SetOrderAndCondition(FunctionModel function, List<QueryArgument> args)
    {
        var table = function.ReturnTable!;
        if (function.SetSortable)
        {
            args.Add(new QueryArgument(new ListGraphType(new NonNullGraphType(named[table.OrderByTypeName]))) { Name = "orderBy", Description = $"The method to use when ordering `{table.TypeName}`." });
        }

        if (function.SetFilterable)
        {
            args.Add(new QueryArgument(named[table.ConditionTypeName]) { Name = "condition", Description = "A condition to be used in determining which values should be returned by the collection." });
        }
    }

    /// <summary>PostGraphile's connection over a set of scalars: nodes are the values themselves.</summary>
    private ObjectGraphType ScalarConnection(FunctionModel function)
    {
        if (named.GetValueOrDefault(function.ScalarConnectionTypeName) is ObjectGraphType shared)
        {
            // Sets of one composite type share their connection.
            return shared;
        }

        var value = function.ReturnType!;
        var edge = new ObjectGraphType { Name = function.ScalarEdgeTypeName, Description = $"A `{value.GraphQLReference}` edge in the connection." };
        edge.AddField(new FieldType { Name = "cursor", Description = "A cursor for use in pagination.", ResolvedType = named["Cursor"] });
        edge.AddField(new FieldType { Name = "node", Description = $"The `{value.GraphQLReference}` at the end of the edge.", ResolvedType = OutputType(value, false) });
        named[edge.Name] = edge;
        var connection = new ObjectGraphType { Name = function.ScalarConnectionTypeName, Description = $"A connection to a list of `{value.GraphQLReference}` values." };
        connection.AddField(new FieldType { Name = "nodes", Description = $"A list of `{value.GraphQLReference}` objects.", ResolvedType = new NonNullGraphType(new ListGraphType(OutputType(value, false))) });
        connection.AddField(new FieldType { Name = "edges", Description = $"A list of edges which contains the `{value.GraphQLReference}` and cursor to aid in pagination.", ResolvedType = new NonNullGraphType(new ListGraphType(new NonNullGraphType(edge))) });
        // No pageInfo: v4 gives connections over values that are not table rows none.
        connection.AddField(new FieldType { Name = "totalCount", Description = $"The count of *all* `{value.GraphQLReference}` you could get from the connection.", ResolvedType = new NonNullGraphType(named["Int"]) });
        named[connection.Name] = connection;
        return connection;
    }
}
