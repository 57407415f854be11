namespace Platform.ControlPlane.Deployments;

/// <summary>One migrations/*.sql file: its name (the order and the identity), its text and the SHA-256 of its bytes.</summary>
public sealed record Migration(string Name, string Sql, string Checksum);
