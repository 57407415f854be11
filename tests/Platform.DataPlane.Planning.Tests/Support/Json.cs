using System.Text.Json;

namespace Platform.DataPlane.Planning.Tests.Support;

/// <summary>Small readers over response JSON.</summary>
public static class Json
{
    public static JsonElement Data(this JsonElement response, string key)
    {
        if (response.TryGetProperty("errors", out var errors))
        {
            throw new InvalidOperationException("GraphQL errors: " + errors.GetRawText());
        }

        return response.GetProperty("data").GetProperty(key);
    }

    public static List<int> NodeIds(this JsonElement connection) =>
        connection.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetInt32()).ToList();

    /// <summary>The value without layout: PostgreSQL writes json_build_object with spaces.</summary>
    public static string Compact(this JsonElement element) => JsonSerializer.Serialize(element);

    public static string Code(this JsonElement response) =>
        response.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString()!;
}
