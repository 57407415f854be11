using System.Text.Json;
using Platform.DataPlane.Planning.Plans;

namespace Platform.DataPlane.Execution.Live;

/// <summary>
/// A planned live query for one subscriber. <see cref="DocumentKey"/> is equal for subscribers whose plans are the
/// same (document, operation name, the variables that shape the SQL), so they can share one statement per interval.
/// </summary>
public sealed record LiveQuery(OperationPlan Plan, IReadOnlyList<SqlStatement> Statements, JsonElement? Variables, string DocumentKey);
