namespace Platform.DataPlane.Introspection.Model;

/// <summary>
/// A function. <see cref="ArgNames"/> and <see cref="ArgModes"/> cover all arguments including OUT ones
/// (null modes means all IN); <see cref="ArgTypeOids"/> covers input arguments only, as pg_proc.proargtypes does.
/// Volatility: i immutable, s stable, v volatile.
/// </summary>
public sealed record PgFunction(
    long Oid,
    string Schema,
    string Name,
    IReadOnlyList<long> ArgTypeOids,
    IReadOnlyList<string>? ArgNames,
    IReadOnlyList<string>? ArgModes,
    int ArgDefaultCount,
    long ReturnTypeOid,
    bool ReturnsSet,
    string Volatility,
    bool Strict,
    bool SecurityDefiner,
    bool CanExecute,
    string? Comment)
{
    public bool HasOutputArguments => ArgModes is not null && ArgModes.Any(m => m is "o" or "b" or "t");

    /// <summary>Names of the input arguments in order; empty strings for unnamed ones.</summary>
    public IReadOnlyList<string> InputArgNames()
    {
        if (ArgNames is null)
        {
            return ArgTypeOids.Select(_ => "").ToArray();
        }

        if (ArgModes is null)
        {
            return ArgNames.Take(ArgTypeOids.Count).ToArray();
        }

        return ArgNames.Where((_, i) => ArgModes[i] is "i" or "b" or "v").ToArray();
    }
}
