namespace Platform.DataPlane.Execution.Database;

/// <summary>The database's output passed the response cap; reading stopped where it was noticed.</summary>
internal sealed class ResponseBudgetExceededException(long maxBytes)
    : Exception($"The response would be larger than {maxBytes} bytes; select fewer rows or fields.")
{
    public long MaxBytes { get; } = maxBytes;
}
