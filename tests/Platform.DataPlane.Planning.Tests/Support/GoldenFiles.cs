using System.Text;
using System.Text.Json;
using Platform.DataPlane.Planning.Documents;
using Platform.DataPlane.Planning.Planner;
using Platform.DataPlane.Planning.Plans;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Support;

/// <summary>
/// One golden case: <c>name.graphql</c> (and <c>name.variables.json</c>) planned and run against the forum database,
/// its statements compared with <c>name.sql</c> and its response with <c>name.json</c>; rewritten only with UPDATE_GOLDEN=1.
/// </summary>
public static class GoldenFiles
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static TheoryData<string> Cases(string folder)
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(folder, "*.graphql").OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    public static async Task CheckAsync(ForumFixture forum, string folder, string name)
    {
        var query = await File.ReadAllTextAsync(Path.Combine(folder, name + ".graphql"));
        var variablesPath = Path.Combine(folder, name + ".variables.json");
        JsonElement? variables = File.Exists(variablesPath) ? JsonDocument.Parse(await File.ReadAllTextAsync(variablesPath)).RootElement.Clone() : null;

        var options = new PlannerOptions();
        var plan = new OperationPlanner(forum.Service.Model, options).Plan(DocumentParser.Parse(query, options), null, variables);
        var sql = Describe(plan);

        var body = JsonSerializer.Serialize(new { query, variables });
        var response = await forum.Client.PostRawAsync(body);
        var json = JsonSerializer.Serialize(JsonDocument.Parse(response.Body).RootElement, Indented) + "\n";

        await CompareAsync(Path.Combine(folder, name + ".sql"), sql);
        await CompareAsync(Path.Combine(folder, name + ".json"), json);
    }

    private static string Describe(OperationPlan plan)
    {
        var sb = new StringBuilder();
        foreach (var root in plan.RootFields)
        {
            sb.Append("-- ").Append(root.ResponseKey).Append('\n');
            if (root.ConstantJson is { } constant)
            {
                sb.Append("-- (a constant, no SQL): ").Append(constant).Append("\n\n");
                continue;
            }

            if (root.Statement is null)
            {
                sb.Append("-- (answered from the schema)\n\n");
                continue;
            }

            Describe(sb, root.Statement);
            if (root.PayloadStatement is { } payload)
            {
                sb.Append("-- payload, after the change:\n");
                Describe(sb, payload);
            }
        }

        return sb.ToString();
    }

    private static void Describe(StringBuilder sb, SqlStatement statement)
    {
        sb.Append(statement.Text).Append(";\n");
        for (var i = 0; i < statement.Parameters.Count; i++)
        {
            sb.Append("-- $").Append(i + 1).Append(" = ").Append(statement.Parameters[i]).Append('\n');
        }

        sb.Append('\n');
    }

    private static async Task CompareAsync(string path, string actual)
    {
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            await File.WriteAllTextAsync(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"{Path.GetFileName(path)} is missing; run with UPDATE_GOLDEN=1 to create it, then review it.");
        Assert.Equal(await File.ReadAllTextAsync(path), actual);
    }
}
