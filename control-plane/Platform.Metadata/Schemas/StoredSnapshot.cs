namespace Platform.Metadata.Schemas;

public sealed record StoredSnapshot(string CatalogVersion, string Snapshot);
