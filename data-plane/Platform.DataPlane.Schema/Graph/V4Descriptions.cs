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

    /// <summary>The Subscription type's description with live queries on (v4's <c>--live</c>).</summary>
    public const string LiveSubscription = "The root subscription type: contains events and live queries you can subscribe to with the `subscription` operation.\n\n#### Live Queries\n\nLive query fields are differentiated by containing `(live)` at the end of their\ndescription, they are added for each field in the `Query` type. When you\nsubscribe to a live query field, the selection set will be evaluated and sent to\nthe client, and then most things\\* that would cause the output of the selection\nset to change will trigger the selection set to be re-evaluated and the results\nto be re-sent to the client.\n\n_(\\* Not everything: typically only changes to persisted data referenced by the query are detected, not computed fields.)_\n\nLive queries can be very expensive, so try and keep them small and focussed.\n\n#### Events\n\nEvent fields will run their selection set when, and only when, the specified\nserver-side event occurs. This makes them a lot more efficient than Live\nQueries, but it is still recommended that you keep payloads fairly small.";

    public const string ListenInitialEvent = "If true, this subscription will trigger an event as soon as it initiates.";

    public const string JwtToken = "A JSON Web Token defined by [RFC 7519](https://tools.ietf.org/html/rfc7519)\nwhich securely represents claims between two parties.";

    /// <summary>
    /// v4's wrapDescription for a type's description: a line of 125 characters or more is cut at spaces into lines of
    /// up to 80 (graphql-js 14's rule: each piece is a space or the line start, then 15 to 80 characters, before a space
    /// or the end); shorter lines stay whole.
    /// </summary>
    public static string Wrap(string description) => string.Join('\n', description.Split('\n').Select(WrapLine));

    private static string WrapLine(string line)
    {
        const int maxLength = 120;
        if (line.Length < maxLength + 5)
        {
            return line;
        }

        var parts = PieceSplitter.Split(line);
        if (parts.Length < 4)
        {
            return line;
        }

        var lines = new List<string> { parts[0] + parts[1] + parts[2] };
        for (var i = 3; i + 1 < parts.Length; i += 2)
        {
            lines.Add(parts[i][1..] + parts[i + 1]);
        }

        return string.Join('\n', lines);
    }

    private static readonly System.Text.RegularExpressions.Regex PieceSplitter = new("((?: |^).{15,80}(?= |$))", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
}
