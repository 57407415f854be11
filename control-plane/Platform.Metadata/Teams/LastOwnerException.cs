namespace Platform.Metadata.Teams;

/// <summary>A change would leave a team without an owner.</summary>
public sealed class LastOwnerException() : InvalidOperationException("A team keeps at least one owner.");
