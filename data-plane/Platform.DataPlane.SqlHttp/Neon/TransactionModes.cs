namespace Platform.DataPlane.SqlHttp.Neon;

/// <summary>The SET TRANSACTION text for Neon-Batch-Read-Only and Neon-Batch-Deferrable, from fixed words only.</summary>
internal static class TransactionModes
{
    public static string? SetTransaction(NeonHeaders neon)
    {
        var modes = new List<string>(2);
        if (neon.ReadOnly is { } readOnly)
        {
            modes.Add(readOnly ? "read only" : "read write");
        }

        if (neon.Deferrable is { } deferrable)
        {
            modes.Add(deferrable ? "deferrable" : "not deferrable");
        }

        return modes.Count == 0 ? null : "set transaction " + string.Join(", ", modes);
    }
}
