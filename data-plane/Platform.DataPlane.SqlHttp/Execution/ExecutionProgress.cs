namespace Platform.DataPlane.SqlHttp.Execution;

/// <summary>How far a batch got, so a failure names the statement it happened in.</summary>
internal sealed class ExecutionProgress
{
    /// <summary>The batch statement running, or null outside a batch (and at COMMIT).</summary>
    public int? StatementIndex { get; set; }

    /// <summary>
    /// Characters put in front of the client's text (the role marker), taken off PostgreSQL's error positions so they
    /// point into the text the client sent.
    /// </summary>
    public int PositionOffset { get; set; }
}
