using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Conformance.Tests.Harness;

/// <summary>
/// One GraphQL document with its optional companions: <c>NAME.variables.json</c> (the variables object, sent as
/// is, so a variable left out is unset) and <c>NAME.jwt.json</c> (claims, signed with the schema's JWT secret).
/// A first line <c># compare: messages</c> makes error messages part of the comparison (PostgreSQL's own texts).
/// </summary>
public sealed class ConformanceDocument
{
    private ConformanceDocument(ConformanceSchema schema, string name, string query, JsonNode? variables, JsonObject? claims)
    {
        Schema = schema;
        Name = name;
        Query = query;
        Variables = variables;
        Claims = claims;
    }

    public ConformanceSchema Schema { get; }

    public string Name { get; }

    public string Query { get; }

    public JsonNode? Variables { get; }

    public JsonObject? Claims { get; }

    public bool ComparesMessages => Query.StartsWith("# compare: messages", StringComparison.Ordinal);

    /// <summary>Mutations change rows, so each server gets the same starting rows before it runs one.</summary>
    public bool IsMutation => System.Text.RegularExpressions.Regex.IsMatch(Query, @"^\s*mutation\b", System.Text.RegularExpressions.RegexOptions.Multiline);

    public static ConformanceDocument Load(ConformanceSchema schema, string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var stem = Path.Combine(Path.GetDirectoryName(path)!, name);
        return new ConformanceDocument(
            schema,
            name,
            File.ReadAllText(path),
            File.Exists(stem + ".variables.json") ? JsonNode.Parse(File.ReadAllText(stem + ".variables.json")) : null,
            File.Exists(stem + ".jwt.json") ? JsonNode.Parse(File.ReadAllText(stem + ".jwt.json"))!.AsObject() : null);
    }

    public string Body()
    {
        var body = new JsonObject { ["query"] = Query };
        if (Variables is not null)
        {
            body["variables"] = Variables.DeepClone();
        }

        return body.ToJsonString();
    }

    public override string ToString() => Schema.Name + "/" + Name;
}
