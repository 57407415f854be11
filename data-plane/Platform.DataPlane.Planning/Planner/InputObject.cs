using System.Text.Json;
using GraphQLParser.AST;
using Platform.DataPlane.Planning.Plans;
using Platform.DataPlane.Planning.Sql;
using Platform.DataPlane.Schema.Model;
using ValueType = Platform.DataPlane.Schema.Model.ValueType;

namespace Platform.DataPlane.Planning.Planner;

/// <summary>
/// A mutation's input object, written as a literal or passed as a variable. Which fields are present shapes the SQL
/// (a patch sets only what it names); the plan cache key already holds every variable's key and null pattern, so
/// reading presence is safe. Values stay parameters, read from the variable by path at execution time.
/// </summary>
internal sealed class InputObject
{
    private readonly GraphQLObjectValue? literal;
    private readonly JsonElement json;
    private readonly VariableParameter? parameter;

    private InputObject(GraphQLObjectValue literal)
    {
        this.literal = literal;
    }

    private InputObject(JsonElement json, VariableParameter parameter)
    {
        this.json = json;
        this.parameter = parameter;
    }

    public static InputObject? From(PlanContext context, GraphQLValue? value) => value switch
    {
        GraphQLObjectValue o => new InputObject(o),
        GraphQLVariable v when context.Variable(v.Name.StringValue) is { ValueKind: JsonValueKind.Object } j =>
            new InputObject(j, new VariableParameter(v.Name.StringValue, ValueFormat.Scalar)),
        _ => null,
    };

    /// <summary>True when the field is given, even as null.</summary>
    public bool Has(PlanContext context, string name)
    {
        if (parameter is not null)
        {
            return json.TryGetProperty(name, out _);
        }

        return LiteralField(name) switch
        {
            null => false,
            GraphQLVariable v => context.IsProvided(v.Name.StringValue),
            _ => true,
        };
    }

    public InputObject? Object(PlanContext context, string name)
    {
        if (parameter is not null)
        {
            return json.TryGetProperty(name, out var child) && child.ValueKind == JsonValueKind.Object ? new InputObject(child, Child(name)) : null;
        }

        return From(context, LiteralField(name));
    }

    /// <summary>Writes the field's value as a parameter cast to <paramref name="type"/>; SQL NULL when null or absent.</summary>
    public void Write(SqlBuilder sql, PlanContext context, string name, ValueType type)
    {
        if (parameter is null)
        {
            ValueWriter.Write(sql, context, LiteralField(name) ?? new GraphQLNullValue(), type);
            return;
        }

        if (!json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            sql.Sql("null::").Sql(type.SqlType);
            return;
        }

        var format = type.IsList ? ValueFormat.Array : type.Kind == ScalarKind.Json ? ValueFormat.Json : ValueFormat.Scalar;
        ValueWriter.WriteVariable(sql, Child(name) with { Format = format }, type);
    }

    /// <summary>
    /// A node id, read while planning because the table it names shapes the SQL: a literal's text, or a variable's
    /// text with where to read it again at bind time (only the table it names then keys the plan).
    /// </summary>
    public (string? Text, VariableParameter? Source) NodeId(PlanContext context, string name, IReadOnlyDictionary<string, int> tables)
    {
        if (parameter is not null)
        {
            var child = Child(name);
            return (context.NodeIdVariable(child, tables), child);
        }

        return LiteralField(name) switch
        {
            GraphQLStringValue s => ((string)s.Value, null),
            GraphQLVariable v => (context.NodeIdVariable(new VariableParameter(v.Name.StringValue, ValueFormat.Scalar), tables), new VariableParameter(v.Name.StringValue, ValueFormat.Scalar)),
            _ => (null, null),
        };
    }

    private GraphQLValue? LiteralField(string name) =>
        literal!.Fields?.FirstOrDefault(f => f.Name.StringValue == name)?.Value;

    private VariableParameter Child(string name) =>
        parameter! with { PathKey = parameter.PathKey.Length == 0 ? name : parameter.PathKey + "." + name };
}
