namespace Platform.DataPlane.SqlHttp.Requests;

/// <summary>A parsed request: one <c>query</c>, or a <c>queries</c> batch that runs in one transaction.</summary>
internal sealed record SqlHttpRequest(IReadOnlyList<StatementRequest> Statements, bool IsBatch);
