using System.Net.Http.Headers;

namespace Platform.Gateway.Routing;

/// <summary>
/// Between YARP and the socket handler: a request whose body the gateway already holds (<see cref="BufferedBody"/>)
/// is sent with that body as plain content, which SocketsHttpHandler writes together with the headers. YARP's own
/// content, which would flush the headers first, is never started, so YARP treats it as a body it did not copy.
/// </summary>
internal sealed class BufferedBodyHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(BufferedBody.OptionsKey, out var body) && request.Content is { } streamed)
        {
            var content = new ReadOnlyMemoryContent(body);
            CopyHeaders(streamed.Headers, content.Headers);
            request.Content = content;

            // The body is already here: nothing to wait for a 100 Continue about.
            request.Headers.ExpectContinue = false;
        }

        return base.SendAsync(request, cancellationToken);
    }

    private static void CopyHeaders(HttpContentHeaders from, HttpContentHeaders to)
    {
        foreach (var header in from.NonValidated)
        {
            to.TryAddWithoutValidation(header.Key, header.Value);
        }
    }
}
