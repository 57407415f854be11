namespace Platform.DataPlane.Planning.Errors;

/// <summary>One entry of a response's <c>errors</c> array. Line and column are 1-based positions in the document.</summary>
public sealed record GraphQLError(string Message, string Code, int? Line = null, int? Column = null, IReadOnlyList<object>? Path = null);
