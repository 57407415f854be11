using System.Text.Json;
using GraphQL.Types;
using GraphQLParser.AST;
using Platform.DataPlane.Planning.Errors;
using Platform.DataPlane.Schema.Graph;

namespace Platform.DataPlane.Execution.Graph;

/// <summary>
/// Checks a request's variables against the operation's declared types, as CoerceVariableValues does, without
/// GraphQL for .NET's full validation pass: this runs on every cached request, so it only walks the JSON once.
/// </summary>
internal static class VariableCoercion
{
    public static void Check(ISchema schema, GraphQLOperationDefinition operation, JsonElement? variables)
    {
        if (operation.Variables is null)
        {
            return;
        }

        List<GraphQLError>? errors = null;
        foreach (var definition in operation.Variables)
        {
            var name = definition.Variable.Name.StringValue;
            var type = Resolve(schema, definition.Type);
            JsonElement? value = variables is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty(name, out var found) ? found : null;
            if (value is null && definition.DefaultValue is not null)
            {
                continue;
            }

            var problem = type is null ? $"Unknown type {definition.Type}." : Problem(type, value);
            if (problem is not null)
            {
                (errors ??= []).Add(new GraphQLError($"Variable '${name}' is invalid. {problem}", ErrorCodes.ValidationFailed));
            }
        }

        if (errors is not null)
        {
            throw new GraphQLRequestException(errors);
        }
    }

    private static IGraphType? Resolve(ISchema schema, GraphQLType type) => type switch
    {
        GraphQLNonNullType nn => Resolve(schema, nn.Type) is { } inner ? new NonNullGraphType(inner) : null,
        GraphQLListType list => Resolve(schema, list.Type) is { } inner ? new ListGraphType(inner) : null,
        GraphQLNamedType named => schema.AllTypes[named.Name.StringValue],
        _ => null,
    };

    private static string? Problem(IGraphType type, JsonElement? value)
    {
        if (type is NonNullGraphType nonNull)
        {
            return value is null or { ValueKind: JsonValueKind.Null }
                ? $"Expected a non-null value of type {type}."
                : Problem(nonNull.ResolvedType!, value);
        }

        if (value is not { } v || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        switch (type)
        {
            case ListGraphType list:
                if (v.ValueKind != JsonValueKind.Array)
                {
                    // A single value is coerced to a one-item list.
                    return Problem(list.ResolvedType!, v);
                }

                foreach (var item in v.EnumerateArray())
                {
                    if (Problem(list.ResolvedType!, item) is { } p)
                    {
                        return p;
                    }
                }

                return null;
            case IInputObjectGraphType input:
                if (v.ValueKind != JsonValueKind.Object)
                {
                    return $"Expected an object of type {input.Name}.";
                }

                foreach (var property in v.EnumerateObject())
                {
                    var field = input.GetField(property.Name);
                    if (field is null)
                    {
                        return $"Field '{property.Name}' is not defined on {input.Name}.";
                    }

                    if (Problem(field.ResolvedType!, property.Value) is { } p)
                    {
                        return p;
                    }
                }

                foreach (var field in input.Fields)
                {
                    if (field.ResolvedType is NonNullGraphType && !v.TryGetProperty(field.Name, out _) && field.DefaultValue is null)
                    {
                        return $"Field '{input.Name}.{field.Name}' is required.";
                    }
                }

                return null;
            case EnumerationGraphType enumeration:
                return v.ValueKind == JsonValueKind.String && enumeration.Values.FindByName(v.GetString()!) is not null
                    ? null
                    : $"Unable to convert '{Short(v)}' to '{enumeration.Name}'.";
            default:
                return ScalarAccepts(type, v) ? null : $"Unable to convert '{Short(v)}' to '{type.Name}'.";
        }
    }

    private static bool ScalarAccepts(IGraphType type, JsonElement v) => type switch
    {
        IntGraphType => v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out _),
        FloatGraphType => v.ValueKind == JsonValueKind.Number,
        StringGraphType => v.ValueKind == JsonValueKind.String,
        BooleanGraphType => v.ValueKind is JsonValueKind.True or JsonValueKind.False,
        IdGraphType => v.ValueKind == JsonValueKind.String || (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out _)),
        LooseScalarGraphType loose => loose.AcceptsAnything || v.ValueKind == JsonValueKind.String || (loose.AcceptsNumbers && v.ValueKind == JsonValueKind.Number),
        _ => false,
    };

    private static string Short(JsonElement v)
    {
        var text = v.GetRawText();
        return text.Length > 40 ? text[..40] + "…" : text;
    }
}
