namespace Platform.Metadata.Outbox;

/// <summary>A message the platform would mail. Kinds: confirm-email, password-reset, invitation.</summary>
public sealed record OutboxMessage(Guid Id, string To, string Kind, string Subject, string Body, string? Link, string? Token, DateTimeOffset CreatedAt);
