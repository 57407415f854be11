using System.Collections.Concurrent;

namespace Platform.DataPlane.Tests.Clustering;

/// <summary>
/// Orleans' default handler calls Environment.FailFast, e.g. when a silo learns it was voted dead. Several silos share
/// the test process here, so a fatal error must be recorded for the test to assert on, never end the process.
/// </summary>
public sealed class RecordingFatalErrorHandler : IFatalErrorHandler
{
    private readonly ConcurrentQueue<string> errors = new();

    public IReadOnlyCollection<string> Errors => errors;

    public bool IsUnexpected(Exception exception) => true;

    public void OnFatalException(object? sender = null, string? context = null, Exception? exception = null) =>
        errors.Enqueue($"{sender?.GetType().Name}: {context} {exception?.Message}");
}
