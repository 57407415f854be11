namespace Platform.DataPlane.Execution.Http;

/// <summary>Accept-header negotiation per the GraphQL over HTTP draft.</summary>
internal static class MediaTypes
{
    public const string GraphQLResponse = "application/graphql-response+json";
    public const string Json = "application/json";

    /// <summary>Returns null when the client accepts neither media type (406).</summary>
    public static MediaType? Negotiate(string? accept)
    {
        // Since the 2025 watershed a missing Accept header means the client takes the GraphQL media type.
        if (string.IsNullOrWhiteSpace(accept))
        {
            return MediaType.GraphQLResponseJson;
        }

        MediaType? best = null;
        var bestQuality = -1.0;
        foreach (var part in accept.Split(','))
        {
            var pieces = part.Split(';');
            var type = pieces[0].Trim().ToLowerInvariant();
            var quality = 1.0;
            foreach (var p in pieces.Skip(1))
            {
                var kv = p.Trim();
                if (kv.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
                    && double.TryParse(kv.AsSpan(2), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var q))
                {
                    quality = q;
                }
            }

            MediaType? candidate = type switch
            {
                GraphQLResponse or "*/*" or "application/*" => MediaType.GraphQLResponseJson,
                Json => MediaType.Json,
                _ => null,
            };
            if (candidate is not null && quality > 0 && quality > bestQuality)
            {
                best = candidate;
                bestQuality = quality;
            }
        }

        return best;
    }

    public static string ContentTypeOf(MediaType mediaType) =>
        mediaType == MediaType.Json ? Json + "; charset=utf-8" : GraphQLResponse + "; charset=utf-8";
}
