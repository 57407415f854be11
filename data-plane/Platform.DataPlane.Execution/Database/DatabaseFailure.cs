using Platform.DataPlane.Planning.Errors;

namespace Platform.DataPlane.Execution.Database;

/// <summary>How a database problem is reported: HTTP status and the error entry.</summary>
public sealed record DatabaseFailure(int StatusCode, GraphQLError Error);
