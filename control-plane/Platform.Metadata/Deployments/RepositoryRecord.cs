namespace Platform.Metadata.Deployments;

/// <summary>A project's git repository. Credentials and the webhook secret stay encrypted until a deployment or a webhook needs them.</summary>
public sealed record RepositoryRecord(Guid ProjectId, string Url, string Branch, string Folder, bool HasCredentials, bool WebhookSecretSet, DateTimeOffset UpdatedAt);
