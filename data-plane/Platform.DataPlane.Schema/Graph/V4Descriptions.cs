namespace Platform.DataPlane.Schema.Graph;

/// <summary>
/// PostGraphile v4's built-in descriptions that are long enough for its wrapDescription to break them into lines
/// (graphql-js 14's rule: lines of 125 characters or more, cut at spaces); introspection shows them with the breaks.
/// </summary>
internal static class V4Descriptions
{
    public const string ClientMutationIdIn = "An arbitrary string value with no semantic meaning. Will be included in the\npayload verbatim. May be used to track mutations by the client.";

    public const string ClientMutationIdOut = "The exact same `clientMutationId` that was provided in the mutation input,\nunchanged and unused. May be used by a client to track mutations.";

    public const string Offset = "Skip the first `n` values from our `after` cursor, an alternative to cursor\nbased pagination. May not be used with `last`.";

    public const string QueryQuery = "Exposes the root query type nested one level down. This is helpful for Relay 1\nwhich can only query top level fields if they are in a particular form.";
}
