namespace Platform.DataPlane.Planning;

/// <summary>Per-project limits applied before anything reaches the database.</summary>
public sealed record PlannerOptions(int MaxDepth = 15, int MaxFields = 500, int MaxDocumentBytes = 100_000);
