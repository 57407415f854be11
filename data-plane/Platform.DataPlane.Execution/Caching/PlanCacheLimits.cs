namespace Platform.DataPlane.Execution.Caching;

/// <summary>
/// Bounds of one project's plan cache. Apps send a small fixed set of documents, so the defaults are far above what a
/// real app needs, and far below what one client varying node ids, orderBy values or document text could fill.
/// </summary>
public sealed record PlanCacheLimits(int MaxEntries = 2000, long MaxBytes = 64L * 1024 * 1024, int MaxVariantsPerDocument = 32)
{
    public static PlanCacheLimits Default { get; } = new();
}
