using System.Text;
using System.Text.Json;
using Platform.DataPlane.Planning.Documents;
using Platform.DataPlane.Planning.Planner;
using Platform.DataPlane.Planning.Plans;
using Platform.DataPlane.Schema.Model;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Support;

/// <summary>
/// One golden case: <c>name.graphql</c> (and <c>name.variables.json</c>) planned and run against the forum database,
/// its statements (laid out by <see cref="SqlLayout"/>) compared with <c>name.sql</c> and its response with
/// <c>name.json</c>; rewritten only with UPDATE_GOLDEN=1, which CI refuses. <see cref="CheckPlanAsync"/> compares the
/// statements alone, planned from the recorded snapshot (<see cref="SnapshotPath"/>), with no database.
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

    /// <summary>The forum database's catalog as introspected, so plans can be checked without PostgreSQL.</summary>
    public static string SnapshotPath => Path.Combine(SourcePaths.Golden, "forum.snapshot.json");

    public static async Task CheckAsync(ForumFixture forum, string folder, string name)
    {
        var (query, variables) = await ReadCaseAsync(folder, name);
        var sql = Plan(forum.Service.Model, query, variables);

        var body = JsonSerializer.Serialize(new { query, variables });
        var response = await forum.Client.PostRawAsync(body);
        var json = JsonSerializer.Serialize(JsonDocument.Parse(response.Body).RootElement, Indented) + "\n";

        await CompareAsync(Path.Combine(folder, name + ".sql"), sql);
        await CompareAsync(Path.Combine(folder, name + ".json"), json);
    }

    /// <summary>The statements of a case planned on <paramref name="model"/>, compared with its <c>.sql</c> file.</summary>
    public static async Task CheckPlanAsync(SchemaModel model, string folder, string name)
    {
        var (query, variables) = await ReadCaseAsync(folder, name);
        var path = Path.Combine(folder, name + ".sql");
        Assert.True(File.Exists(path), $"{Path.GetFileName(path)} is missing; the database-backed golden tests write it with UPDATE_GOLDEN=1.");
        Assert.Equal(await File.ReadAllTextAsync(path), Plan(model, query, variables));
    }

    /// <summary>Whether golden files may be rewritten: asked for with UPDATE_GOLDEN=1, and never in CI.</summary>
    public static bool Updating()
    {
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") != "1")
        {
            return false;
        }

        Assert.True(string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")),
            "UPDATE_GOLDEN=1 is refused when CI is set: golden files are rewritten and reviewed locally, never by CI.");
        return true;
    }

    private static async Task<(string Query, JsonElement? Variables)> ReadCaseAsync(string folder, string name)
    {
        var query = await File.ReadAllTextAsync(Path.Combine(folder, name + ".graphql"));
        var variablesPath = Path.Combine(folder, name + ".variables.json");
        JsonElement? variables = File.Exists(variablesPath) ? JsonDocument.Parse(await File.ReadAllTextAsync(variablesPath)).RootElement.Clone() : null;
        return (query, variables);
    }

    private static string Plan(SchemaModel model, string query, JsonElement? variables)
    {
        var options = new PlannerOptions();
        return Describe(new OperationPlanner(model, options).Plan(DocumentParser.Parse(query, options), null, variables));
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
        sb.Append(SqlLayout.Format(statement.Text)).Append(";\n");
        for (var i = 0; i < statement.Parameters.Count; i++)
        {
            sb.Append("-- $").Append(i + 1).Append(" = ").Append(statement.Parameters[i]).Append('\n');
        }

        sb.Append('\n');
    }

    private static async Task CompareAsync(string path, string actual)
    {
        if (Updating())
        {
            await File.WriteAllTextAsync(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"{Path.GetFileName(path)} is missing; run with UPDATE_GOLDEN=1 to create it, then review it.");
        Assert.Equal(await File.ReadAllTextAsync(path), actual);
    }
}
