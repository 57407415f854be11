using Platform.Conformance.Tests.Harness;
using Xunit;

namespace Platform.Conformance.Tests;

/// <summary>
/// graphql-js's introspection query against both servers, each answer printed as SDL by graphql-js and compared
/// definition by definition (fields and arguments in order). Both SDLs are written under artifacts/conformance/.
/// </summary>
[Collection(ConformanceCollection.Name)]
public sealed class IntrospectionTests(ConformancePlatform platform)
{
    public static TheoryData<string> Schemas() => new(ConformanceSchema.All.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task Platform_prints_the_same_schema_as_PostGraphile_4_14_1(string schema)
    {
        var live = await platform.SchemaAsync(schema);
        var body = System.Text.Json.JsonSerializer.Serialize(new { query = await NodeTools.IntrospectionQueryAsync() });
        var reference = await NodeTools.PrintSdlAsync((await live.PostGraphileAsync(body, null)).Text);
        var answer = await NodeTools.PrintSdlAsync((await live.PlatformAsync(body, null)).Text);
        var folder = Path.Combine(Platform.Testing.Hosting.RepositoryRoot.Path, "artifacts", "conformance");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, schema + ".postgraphile.graphql"), reference);
        await File.WriteAllTextAsync(Path.Combine(folder, schema + ".platform.graphql"), answer);

        var theirs = SdlDefinitions.Split(reference);
        var ours = SdlDefinitions.Split(answer);
        var problems = new List<string>();
        var anyDiffers = false;
        var wildcard = live.Schema.ExpectedDifference("introspection:*");
        foreach (var key in theirs.Keys.Union(ours.Keys).Order(StringComparer.Ordinal))
        {
            var differs = !theirs.TryGetValue(key, out var t) | !ours.TryGetValue(key, out var o) || t != o;
            anyDiffers |= differs;
            var expected = live.Schema.ExpectedDifference("introspection:" + key);
            if (differs && expected is null && wildcard is null)
            {
                problems.Add($"--- postgraphile\n{t ?? "(absent)"}\n+++ platform\n{o ?? "(absent)"}");
            }
            else if (!differs && expected is not null)
            {
                problems.Add($"{key} is listed as an expected difference ({expected}) but prints the same now: remove it from conformance.json.");
            }
        }

        foreach (var key in live.Schema.Options.Expected.Keys.Where(k => k.StartsWith("introspection:", StringComparison.Ordinal) && k != "introspection:*"))
        {
            if (!theirs.ContainsKey(key["introspection:".Length..]) && !ours.ContainsKey(key["introspection:".Length..]))
            {
                problems.Add($"{key} is listed as an expected difference but neither schema defines it: remove it from conformance.json.");
            }
        }

        if (wildcard is not null && !anyDiffers)
        {
            problems.Add($"introspection:* is listed as an expected difference ({wildcard}) but both schemas print the same now: remove it from conformance.json.");
        }

        Assert.True(problems.Count == 0, $"{schema}: {problems.Count} definitions differ\n\n{string.Join("\n\n", problems)}");
    }
}
