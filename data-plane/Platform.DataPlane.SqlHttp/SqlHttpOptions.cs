namespace Platform.DataPlane.SqlHttp;

/// <summary>Per-project limits for one SQL-over-HTTP request.</summary>
/// <param name="MaxResponseBytes">Largest response body; past it the answer is <c>RESPONSE_TOO_LARGE</c>.</param>
/// <param name="MaxStatements">Most statements one <c>queries</c> batch may hold.</param>
public sealed record SqlHttpOptions(int MaxResponseBytes = 5 * 1024 * 1024, int MaxStatements = 100);
