namespace Platform.DataPlane.Execution.Live;

public enum OperationKind
{
    /// <summary>A query or mutation: one result, then complete.</summary>
    Single,

    /// <summary>A live query: re-run while subscribed, a result whenever it changes.</summary>
    Live,

    /// <summary>listen(topic:): a result per NOTIFY on postgraphile:&lt;topic&gt;.</summary>
    Listen,

    /// <summary>Refused before it started (parse, validation, limits): see <see cref="PreparedOperation.Errors"/>.</summary>
    Failed,
}
