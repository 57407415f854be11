using System.Text;
using System.Text.Json;
using Platform.DataPlane.Planning.Documents;
using Platform.DataPlane.Planning.Planner;
using Platform.DataPlane.Planning.Plans;
using Platform.DataPlane.Planning.Tests.Support;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Queries;

/// <summary>GraphQL in, SQL and JSON out, compared with files under Golden/ (rewritten only with UPDATE_GOLDEN=1).</summary>
public sealed class GoldenFileTests(ForumFixture forum) : IClassFixture<ForumFixture>
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(SourcePaths.Golden, "*.graphql").OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Query_plans_and_answers_match_golden_files(string name)
    {
        var query = await File.ReadAllTextAsync(Path.Combine(SourcePaths.Golden, name + ".graphql"));
        var variablesPath = Path.Combine(SourcePaths.Golden, name + ".variables.json");
        JsonElement? variables = File.Exists(variablesPath) ? JsonDocument.Parse(await File.ReadAllTextAsync(variablesPath)).RootElement.Clone() : null;

        var options = new PlannerOptions();
        var plan = new OperationPlanner(forum.Service.Model, options).Plan(DocumentParser.Parse(query, options), null, variables);
        var sql = Describe(plan);

        var body = JsonSerializer.Serialize(new { query, variables });
        var response = await forum.Client.PostRawAsync(body);
        var json = JsonSerializer.Serialize(JsonDocument.Parse(response.Body).RootElement, Indented) + "\n";

        await CompareAsync(name + ".sql", sql);
        await CompareAsync(name + ".json", json);
    }

    private static string Describe(OperationPlan plan)
    {
        var sb = new StringBuilder();
        foreach (var root in plan.RootFields)
        {
            sb.Append("-- ").Append(root.ResponseKey).Append('\n');
            if (root.Statement is null)
            {
                sb.Append("-- (answered from the schema)\n\n");
                continue;
            }

            sb.Append(root.Statement.Text).Append(";\n");
            for (var i = 0; i < root.Statement.Parameters.Count; i++)
            {
                sb.Append("-- $").Append(i + 1).Append(" = ").Append(root.Statement.Parameters[i]).Append('\n');
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    private static async Task CompareAsync(string file, string actual)
    {
        var path = Path.Combine(SourcePaths.Golden, file);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            await File.WriteAllTextAsync(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"{file} is missing; run with UPDATE_GOLDEN=1 to create it, then review it.");
        Assert.Equal(await File.ReadAllTextAsync(path), actual);
    }
}
