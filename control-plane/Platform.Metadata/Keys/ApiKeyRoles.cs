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
}
