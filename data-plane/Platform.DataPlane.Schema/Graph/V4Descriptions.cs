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

    public const string BigInt = "A signed eight-byte integer. The upper big integer values are greater than the\nmax value for a JavaScript number. Therefore all big integers will be output as\nstrings and not numbers.";

    public const string Datetime = "A point in time as described by the [ISO\n8601](https://en.wikipedia.org/wiki/ISO_8601) standard. May or may not include a timezone.";

    public const string IntervalSeconds = "A quantity of seconds. This is the only non-integer field, as all the other\nfields will dump their overflow into a smaller unit of time. Intervals don’t\nhave a smaller unit than seconds.";
}
