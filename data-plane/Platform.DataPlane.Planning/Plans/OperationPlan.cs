namespace Platform.DataPlane.Planning.Plans;

/// <summary>
/// The executable form of one operation. <see cref="StructuralVariables"/> lists the variables whose values shaped
/// the SQL (orderBy, @include/@skip, whole input objects); a cached plan is reused only when those values match.
/// </summary>
public sealed record OperationPlan(
    string OperationType,
    string? OperationName,
    IReadOnlyList<RootFieldPlan> RootFields,
    IReadOnlySet<string> StructuralVariables)
{
    public bool HasIntrospection => RootFields.Any(f => f.IsIntrospection);

    /// <summary>Only such plans take the executor's slower rewrite path (parse and re-write the field's JSON).</summary>
    public bool HasJwtTokens => RootFields.Any(f => f.HasJwtTokens);
}
