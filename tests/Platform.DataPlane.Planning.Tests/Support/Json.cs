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

    public static string Code(this JsonElement response) =>
        response.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString()!;
}
