namespace Platform.Gateway.Admission;

/// <summary>What the gateway knows of a request when it decides whether to let it in, whichever path it came by.</summary>
/// <param name="Key">The API key presented (header, query, Neon's connection string or <c>connection_init</c>), if any.</param>
/// <param name="ProjectId">The project the path or host names, if any; a key of another project is refused.</param>
/// <param name="Surface"><c>graphql</c> or <c>sql</c>.</param>
/// <param name="WebSocket">Takes a WebSocket slot of the project rather than a request slot.</param>
/// <param name="Origin">The browser's <c>Origin</c>, checked against the project's origins; null when not checked.</param>
/// <param name="HasEndUserToken">An <c>Authorization</c> header came with the request.</param>
/// <param name="ContentLength">The announced body length, if any.</param>
internal readonly record struct AdmissionRequest(
    string? Key, string? ProjectId, string Surface, bool WebSocket, string? Origin = null, bool HasEndUserToken = false, long? ContentLength = null);
