namespace Platform.Metadata.Keys;

/// <summary>What a key may do: anon is GraphQL as the anonymous role; service is GraphQL as the owner plus /sql.</summary>
public enum ApiKeyRole
{
    Anon,
    Service,
}
