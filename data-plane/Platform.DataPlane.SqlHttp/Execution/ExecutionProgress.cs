namespace Platform.DataPlane.SqlHttp.Execution;

/// <summary>
/// How far a request got, so a failure can be named by where it happened: before a connection was had
/// (pool or database trouble) or in which statement of a batch.
/// </summary>
internal sealed class ExecutionProgress
{
    public bool ConnectionOpened { get; set; }

    /// <summary>The batch statement running, or null outside a batch (and at COMMIT).</summary>
    public int? StatementIndex { get; set; }
}
