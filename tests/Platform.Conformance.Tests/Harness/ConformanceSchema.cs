using Platform.Metadata.Projects;

namespace Platform.Conformance.Tests.Harness;

/// <summary>
/// One schema folder: <c>schema.sql</c> (run once by a superuser on a fresh database), <c>data.sql</c> (rows, run
/// again before every mutation document), <c>settings.json</c> (the platform's project settings, from which
/// PostGraphile's options are derived), <c>conformance.json</c> and the documents.
/// </summary>
public sealed class ConformanceSchema
{
    private ConformanceSchema(string name, string folder)
    {
        Name = name;
        Folder = folder;
        SchemaSql = File.ReadAllText(Path.Combine(folder, "schema.sql"));
        var data = Path.Combine(folder, "data.sql");
        DataSql = File.Exists(data) ? File.ReadAllText(data) : "";
        Settings = ProjectSettings.Parse(File.ReadAllText(Path.Combine(folder, "settings.json")));
        Options = CaseOptions.Load(Path.Combine(folder, "conformance.json"));
    }

    public string Name { get; }

    public string Folder { get; }

    public string SchemaSql { get; }

    public string DataSql { get; }

    public ProjectSettings Settings { get; }

    public CaseOptions Options { get; }

    public static IReadOnlyList<ConformanceSchema> All { get; } = Directory.GetDirectories(SuitePaths.Schemas)
        .Order(StringComparer.Ordinal)
        .Select(d => new ConformanceSchema(Path.GetFileName(d), d))
        .ToArray();

    public static ConformanceSchema Named(string name) => All.Single(s => s.Name == name);

    public IReadOnlyList<ConformanceDocument> Documents() => Directory.GetFiles(Folder, "*.graphql")
        .Order(StringComparer.Ordinal)
        .Select(f => ConformanceDocument.Load(this, f))
        .ToArray();

    /// <summary>The reason a difference is expected for this key, or null when both servers must agree.</summary>
    public string? ExpectedDifference(string key) => Options.Expected.TryGetValue(key, out var reason) ? reason : null;
}
