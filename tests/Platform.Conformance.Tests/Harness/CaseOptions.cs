using System.Text.Json;

namespace Platform.Conformance.Tests.Harness;

/// <summary>
/// A schema folder's <c>conformance.json</c>: the role both servers connect as, and the differences the suite
/// expects (document name, or <c>introspection:TypeName</c>, mapped to the reason: a decision or an open finding).
/// </summary>
public sealed record CaseOptions
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };

    /// <summary>The login role both servers connect as (PostGraphile's recommended NOINHERIT authenticator).</summary>
    public required string Authenticator { get; init; }

    public required string Password { get; init; }

    public IReadOnlyDictionary<string, string> Expected { get; init; } = new Dictionary<string, string>();

    public static CaseOptions Load(string path) =>
        JsonSerializer.Deserialize<CaseOptions>(File.ReadAllText(path), Json) ?? throw new InvalidDataException(path + " is empty");
}
