namespace Platform.Metadata.Keys;

public static class ApiKeyRoles
{
    public static string ToWire(this ApiKeyRole role) => role switch
    {
        ApiKeyRole.Anon => "anon",
        ApiKeyRole.Service => "service",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static ApiKeyRole Parse(string value) => value switch
    {
        "anon" => ApiKeyRole.Anon,
        "service" => ApiKeyRole.Service,
        _ => throw new ArgumentException($"Unknown key role '{value}'.", nameof(value)),
    };

    /// <summary>The role a wire name stands for; false for anything else (a header that names no role).</summary>
    public static bool TryParse(string? value, out ApiKeyRole role)
    {
        switch (value)
        {
            case "anon":
                role = ApiKeyRole.Anon;
                return true;
            case "service":
                role = ApiKeyRole.Service;
                return true;
            default:
                role = default;
                return false;
        }
    }
}
