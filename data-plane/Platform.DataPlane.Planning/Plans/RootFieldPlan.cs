namespace Platform.DataPlane.Planning.Plans;

/// <summary>
/// One entry of the response's <c>data</c> object: either SQL that yields the value's JSON,
/// or a field answered from the schema itself (<c>__schema</c>, <c>__type</c>). A mutation that must find its row
/// (update, delete) carries <paramref name="MissingRowMessage"/>: no row back means that error and a rollback.
/// A mutation runs in two statements: <paramref name="Statement"/> changes the data and yields the changed rows
/// as PostgreSQL array text, then <paramref name="PayloadStatement"/> builds the payload's JSON from those rows
/// (bound as <see cref="ChangedRowsParameter"/>), so the payload sees the database after the change.
/// <paramref name="JwtTokenPaths"/> lists where in the value PostgreSQL writes JWT claims objects (response keys, lists
/// passed through) that the executor must replace with signed tokens; empty for almost every field, which then passes through.
/// <paramref name="ConstantJson"/> is the value of a field known when planning (the root <c>__typename</c>), which the
/// executor writes without asking PostgreSQL: a request of nothing but such fields borrows no connection.
/// </summary>
public sealed record RootFieldPlan(
    string ResponseKey,
    SqlStatement? Statement,
    bool IsIntrospection,
    string? MissingRowMessage = null,
    SqlStatement? PayloadStatement = null,
    IReadOnlyList<IReadOnlyList<string>>? JwtTokenPaths = null,
    string? ConstantJson = null)
{
    public bool HasJwtTokens => JwtTokenPaths is { Count: > 0 };
}
