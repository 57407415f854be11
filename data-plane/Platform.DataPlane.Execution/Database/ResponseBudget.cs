namespace Platform.DataPlane.Execution.Database;

/// <summary>
/// The bytes a response may still take, shared by every root field of one request, so one field (or many) can never
/// make the silo hold more than the project's response cap of database output.
/// </summary>
public sealed class ResponseBudget(long maxBytes)
{
    private long remaining = maxBytes;

    public long MaxBytes { get; } = maxBytes;

    /// <summary>Takes <paramref name="bytes"/> from the budget; throws once it is spent.</summary>
    public void Take(int bytes)
    {
        if ((remaining -= bytes) < 0)
        {
            throw new ResponseBudgetExceededException(MaxBytes);
        }
    }
}
