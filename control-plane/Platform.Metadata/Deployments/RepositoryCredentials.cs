namespace Platform.Metadata.Deployments;

/// <summary>HTTPS basic credentials (a user and a password or token) for cloning.</summary>
public sealed record RepositoryCredentials(string Username, string Password);
