using GraphQL.Types;
using Platform.DataPlane.Schema.Model;

namespace Platform.DataPlane.Schema.Graph;

public sealed partial class GraphQLSchemaFactory
{
    /// <summary>A table mutation's payload: the row, its forward relations, an edge for Relay and the Query root.</summary>
    private ObjectGraphType Payload(TableModel table, string name, string description, string verb)
    {
        var payload = new ObjectGraphType { Name = name, Description = description };
        payload.AddField(ClientMutationIdField());
        payload.AddField(new FieldType { Name = table.RowFieldName, Description = $"The `{table.TypeName}` that was {verb} by this mutation.", ResolvedType = named[table.TypeName] });
        // v4 adds it to every delete payload; a row without a primary key has no node id, so it is then null.
        if (verb == "deleted")
        {
            payload.AddField(new FieldType { Name = table.DeletedNodeIdFieldName, ResolvedType = named["ID"] });
        }

        payload.AddField(QueryPayloadField());
        AddRowPayloadFields(payload, table);
        named[name] = payload;
        return payload;
    }

    /// <summary>
    /// After <c>query</c>, a payload carrying one row of <paramref name="table"/> (a table mutation's, or a mutation
    /// function's returning one row) has the row's forward relations and an edge for Relay, as v4's plugins add them.
    /// </summary>
    private void AddRowPayloadFields(ObjectGraphType payload, TableModel table)
    {
        foreach (var relation in table.ForwardRelations)
        {
            payload.AddField(new FieldType
            {
                Name = relation.FieldName,
                Description = $"Reads a single `{relation.Target.TypeName}` that is related to this `{table.TypeName}`.",
                ResolvedType = named[relation.Target.TypeName],
            });
        }

        var orderBy = new QueryArgument(new ListGraphType(new NonNullGraphType(named[table.OrderByTypeName]))) { Name = "orderBy", Description = $"The method to use when ordering `{table.TypeName}`." };
        orderBy.DefaultValue = new object[] { table.IsNode ? "PRIMARY_KEY_ASC" : "NATURAL" };
        payload.AddField(new FieldType
        {
            Name = table.EdgeFieldName,
            Description = $"An edge for our `{table.TypeName}`. May be used by Relay 1.",
            ResolvedType = named[table.EdgeTypeName],
            Arguments = new QueryArguments(orderBy),
        });
    }

    /// <summary>A VOLATILE function as a mutation; null when an argument or the result has no GraphQL type here.</summary>
    private FieldType? FunctionMutationField(FunctionModel function)
    {
        var input = new InputObjectGraphType { Name = function.MutationInputTypeName, Description = $"All input for the `{function.FieldName}` mutation." };
        input.AddField(new FieldType { Name = "clientMutationId", Description = V4Descriptions.ClientMutationIdIn, ResolvedType = named["String"] });
        foreach (var arg in function.Arguments)
        {
            if (InputType(arg.Type) is not { } type)
            {
                return null;
            }

            input.AddField(new FieldType { Name = arg.FieldName, ResolvedType = function.Function.Strict && !arg.HasDefault ? new NonNullGraphType(type) : type });
        }

        IGraphType result = function.Returns switch
        {
            FunctionReturn.Row => named[function.ReturnTable!.TypeName],
            FunctionReturn.SetOfRows => new ListGraphType(named[function.ReturnTable!.TypeName]),
            FunctionReturn.SetOfScalars => new ListGraphType(OutputType(function.ReturnType!, false)),
            _ => OutputType(function.ReturnType!, false),
        };
        var payload = new ObjectGraphType { Name = function.MutationPayloadTypeName, Description = $"The output of our `{function.FieldName}` mutation." };
        payload.AddField(ClientMutationIdField());
        payload.AddField(new FieldType { Name = function.MutationResultFieldName, ResolvedType = result });
        payload.AddField(QueryPayloadField());
        if (function.Returns == FunctionReturn.Row)
        {
            AddRowPayloadFields(payload, function.ReturnTable!);
        }

        named[input.Name] = input;
        named[payload.Name] = payload;
        return MutationField(function.FieldName, function.Description, input, payload);
    }

    private FieldType ClientMutationIdField() => new()
    {
        Name = "clientMutationId",
        Description = V4Descriptions.ClientMutationIdOut,
        ResolvedType = named["String"],
    };

    private FieldType QueryPayloadField() => new()
    {
        Name = "query",
        Description = "Our root query field type. Allows us to run any query from our mutation payload.",
        ResolvedType = named["Query"],
    };
}
