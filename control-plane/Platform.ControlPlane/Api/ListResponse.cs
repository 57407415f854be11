namespace Platform.ControlPlane.Api;

/// <summary>The shape of every list: {"items":[...],"nextCursor":...}.</summary>
public sealed record ListResponse<T>(IReadOnlyList<T> Items, string? NextCursor);
