namespace Platform.DataPlane.Execution.Live;

/// <summary>
/// A planned <c>listen(topic:)</c> subscription. <see cref="Fields"/> are the payload's selections in order (response
/// key, field name); <see cref="NodeQuery"/> is a query that reads the related node under the subscriber's own role
/// and claims (null when relatedNode is not selected); <see cref="RootQueries"/> read each <c>query</c> field of the
/// payload (v4's root Query) the same way, by response key. <see cref="InitialEvent"/> is pg-pubsub's argument: one event without a related node
/// as soon as the subscription listens.
/// </summary>
public sealed record ListenQuery(string Topic, string ResponseKey, IReadOnlyList<(string Key, string Name)> Fields, string? NodeQuery, bool InitialEvent = false, IReadOnlyList<(string Key, string Query)>? RootQueries = null)
{
    /// <summary>PostGraphile's channel naming.</summary>
    public string Channel => "postgraphile:" + Topic;
}
