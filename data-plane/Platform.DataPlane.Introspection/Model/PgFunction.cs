namespace Platform.DataPlane.Introspection.Model;

/// <summary>
/// A function. <see cref="ArgNames"/>, <see cref="ArgModes"/> and <see cref="AllArgTypeOids"/> cover all arguments
/// including OUT ones (null modes and types mean all IN); <see cref="ArgTypeOids"/> covers input arguments only, as
/// pg_proc.proargtypes does. Volatility: i immutable, s stable, v volatile.
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
    string? Comment,
    IReadOnlyList<long>? AllArgTypeOids = null)
{
    public bool HasOutputArguments => ArgModes is not null && ArgModes.Any(m => m is "o" or "b" or "t");

    /// <summary>
    /// The result columns of a function with OUT, INOUT or TABLE arguments, in order: the argument's name (empty when
    /// unnamed) and type. Empty for a function without them.
    /// </summary>
    public IReadOnlyList<(string Name, long TypeOid)> OutputArguments()
    {
        if (ArgModes is null || AllArgTypeOids is null)
        {
            return [];
        }

        var result = new List<(string, long)>();
        for (var i = 0; i < ArgModes.Count && i < AllArgTypeOids.Count; i++)
        {
            if (ArgModes[i] is "o" or "b" or "t")
            {
                result.Add((ArgNames is not null && i < ArgNames.Count ? ArgNames[i] : "", AllArgTypeOids[i]));
            }
        }

        return result;
    }

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
