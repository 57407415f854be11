using GraphQL.Types;
using Platform.DataPlane.Schema.Model;

namespace Platform.DataPlane.Schema.Graph;

public sealed partial class GraphQLSchemaFactory
{
    /// <summary>The Mutation type, or null when nothing is writable (GraphQL forbids an empty object type).</summary>
    private ObjectGraphType? BuildMutation()
    {
        var mutation = new ObjectGraphType { Name = "Mutation", Description = "The root mutation type which contains root level fields which mutate data." };
        // v4's order, plugin by plugin: every create, every update, every delete, then the functions.
        foreach (var table in model.Tables)
        {
            AddCreate(mutation, table);
        }

        foreach (var table in model.Tables)
        {
            AddUpdates(mutation, table);
        }

        foreach (var table in model.Tables)
        {
            AddDeletes(mutation, table);
        }

        foreach (var function in model.MutationFunctions)
        {
            if (FunctionMutationField(function) is { } field)
            {
                mutation.AddField(field);
            }
        }

        if (mutation.Fields.Count == 0)
        {
            return null;
        }

        named["Mutation"] = mutation;
        return mutation;
    }

    private void AddCreate(ObjectGraphType mutation, TableModel table)
    {
        var rowName = table.TypeName;
        if (table.CanCreate && RowInput(table, table.InputTypeName, table.InsertColumns, TableModel.IsRequiredOnCreate) is { } rowInput)
        {
            var input = MutationInput(table.CreateInputTypeName, $"All input for the create `{rowName}` mutation.");
            input.AddField(new FieldType { Name = table.RowFieldName, Description = $"The `{rowName}` to be created by this mutation.", ResolvedType = new NonNullGraphType(rowInput) });
            mutation.AddField(MutationField(table.CreateFieldName, $"Creates a single `{rowName}`.", input, Payload(table, table.CreatePayloadTypeName, $"The output of our create `{rowName}` mutation.", "created")));
        }
    }

    private void AddUpdates(ObjectGraphType mutation, TableModel table)
    {
        var rowName = table.TypeName;
        if (table.CanUpdate && RowInput(table, table.PatchTypeName, table.UpdateColumns, _ => false, $"Represents an update to a `{rowName}`. Fields that are set will be updated.") is { } patch)
        {
            var payload = Payload(table, table.UpdatePayloadTypeName, $"The output of our update `{rowName}` mutation.", "updated");
            FieldType PatchField() => new() { Name = table.PatchFieldName, Description = $"An object where the defined keys will be set on the `{rowName}` being updated.", ResolvedType = new NonNullGraphType(patch) };
            foreach (var (name, input, byNodeId) in KeyedInputs(table, "update", $"All input for the `{{0}}` mutation.", PatchField))
            {
                mutation.AddField(MutationField(name, byNodeId ? $"Updates a single `{rowName}` using its globally unique id and a patch." : $"Updates a single `{rowName}` using a unique key and a patch.", input, payload));
            }
        }
    }

    private void AddDeletes(ObjectGraphType mutation, TableModel table)
    {
        var rowName = table.TypeName;
        if (table.CanDelete)
        {
            var payload = Payload(table, table.DeletePayloadTypeName, $"The output of our delete `{rowName}` mutation.", "deleted");
            foreach (var (name, input, byNodeId) in KeyedInputs(table, "delete", $"All input for the `{{0}}` mutation.", null))
            {
                mutation.AddField(MutationField(name, byNodeId ? $"Deletes a single `{rowName}` using its globally unique id." : $"Deletes a single `{rowName}` using a unique key.", input, payload));
            }
        }
    }

    /// <summary>
    /// One input per way of finding the row: the node identifier, then every primary key and unique constraint; an
    /// update's patch goes after the node identifier but before the key columns, as in v4.
    /// </summary>
    private IEnumerable<(string Name, InputObjectGraphType Input, bool ByNodeId)> KeyedInputs(TableModel table, string verb, string description, Func<FieldType>? patch)
    {
        if (table.IsNode)
        {
            var name = TableModel.MutationFieldName(verb, null, table);
            var input = MutationInput(TableModel.MutationInputTypeName(verb, null, table), string.Format(System.Globalization.CultureInfo.InvariantCulture, description, name));
            input.AddField(new FieldType { Name = "nodeId", Description = $"The globally unique `ID` which will identify a single `{table.TypeName}` to be {verb}d.", ResolvedType = new NonNullGraphType(named["ID"]) });
            if (patch is not null)
            {
                input.AddField(patch());
            }

            yield return (name, input, true);
        }

        foreach (var lookup in table.Lookups)
        {
            var types = lookup.Columns.Select(c => InputType(c.Type)).ToList();
            if (types.Any(t => t is null))
            {
                continue;
            }

            var name = TableModel.MutationFieldName(verb, lookup, table);
            var input = MutationInput(TableModel.MutationInputTypeName(verb, lookup, table), string.Format(System.Globalization.CultureInfo.InvariantCulture, description, name));
            if (patch is not null)
            {
                input.AddField(patch());
            }

            for (var i = 0; i < lookup.Columns.Count; i++)
            {
                input.AddField(new FieldType { Name = lookup.Columns[i].FieldName, Description = lookup.Columns[i].Description, ResolvedType = new NonNullGraphType(types[i]!) });
            }

            yield return (name, input, false);
        }
    }

    private InputObjectGraphType? RowInput(TableModel table, string typeName, IEnumerable<ColumnModel> columns, Func<ColumnModel, bool> required, string? description = null)
    {
        var input = new InputObjectGraphType { Name = typeName, Description = description ?? $"An input for mutations affecting `{table.TypeName}`" };
        foreach (var column in columns)
        {
            if (InputType(column.Type) is { } type)
            {
                input.AddField(new FieldType { Name = column.FieldName, Description = column.Description, ResolvedType = required(column) ? new NonNullGraphType(type) : type });
            }
        }

        if (input.Fields.Count == 0)
        {
            return null;
        }

        named[typeName] = input;
        return input;
    }

    private InputObjectGraphType MutationInput(string name, string description)
    {
        var input = new InputObjectGraphType { Name = name, Description = description };
        input.AddField(new FieldType
        {
            Name = "clientMutationId",
            Description = V4Descriptions.ClientMutationIdIn,
            ResolvedType = named["String"],
        });
        named[name] = input;
        return input;
    }

    private static FieldType MutationField(string name, string? description, InputObjectGraphType input, IGraphType payload) => new()
    {
        Name = name,
        Description = description,
        ResolvedType = payload,
        Arguments = new QueryArguments(new QueryArgument(new NonNullGraphType(input)) { Name = "input", Description = "The exclusive input argument for this mutation. An object type, make sure to see documentation for this object’s fields." }),
    };
}
