using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Platform.DataPlane.Schema.Graph;

public sealed partial class GraphQLSchemaFactory
{
    /// <summary>GraphQL for .NET requires one on every subscription field; the platform runs subscriptions itself (it never executes through this schema).</summary>
    private static readonly SourceStreamResolver<object> NotExecutedHere =
        new((Func<GraphQL.IResolveFieldContext, IObservable<object?>>)(_ => throw new NotSupportedException("Subscriptions are run by the platform's realtime engine, not by this schema.")));

    /// <summary>
    /// PostGraphile's live and simple subscriptions: every query field again (a live query re-runs it while subscribed)
    /// plus <c>listen(topic:)</c>, fed by NOTIFY on <c>postgraphile:&lt;topic&gt;</c>.
    /// </summary>
    private ObjectGraphType BuildSubscription(IObjectGraphType query)
    {
        var subscription = new ObjectGraphType { Name = "Subscription", Description = V4Descriptions.LiveSubscription };
        named["Subscription"] = subscription;
        foreach (var field in query.Fields)
        {
            subscription.AddField(new FieldType
            {
                Name = field.Name,
                // v4 marks every live query field so, a field without a description included.
                Description = field.Description + " (live)",
                DeprecationReason = field.DeprecationReason,
                ResolvedType = field.ResolvedType,
                StreamResolver = NotExecutedHere,
                Arguments = field.Arguments is { Count: > 0 } args
                    ? new QueryArguments(args.Select(a => new QueryArgument(a.ResolvedType!) { Name = a.Name, Description = a.Description, DefaultValue = a.DefaultValue, DeprecationReason = a.DeprecationReason }))
                    : null,
            });
        }

        var payload = new ObjectGraphType { Name = "ListenPayload" };
        payload.AddField(new FieldType { Name = "query", Description = "Our root query field type. Allows us to run any query from our subscription payload.", ResolvedType = query });
        payload.AddField(new FieldType { Name = "relatedNode", ResolvedType = node });
        payload.AddField(new FieldType { Name = "relatedNodeId", ResolvedType = named["ID"] });
        named["ListenPayload"] = payload;
        subscription.AddField(new FieldType
        {
            Name = "listen",
            ResolvedType = new NonNullGraphType(payload),
            StreamResolver = NotExecutedHere,
            Arguments = new QueryArguments(
                new QueryArgument(new NonNullGraphType(named["String"])) { Name = "topic" },
                new QueryArgument(new NonNullGraphType(named["Boolean"])) { Name = "initialEvent", Description = V4Descriptions.ListenInitialEvent, DefaultValue = false }),
        });
        return subscription;
    }

    /// <summary>@live on a query asks for the live query behaviour over graphql-transport-ws.</summary>
    private static Directive LiveDirective() => new("live", DirectiveLocation.Query)
    {
        Description = "Re-sends the query's result whenever it changes, while the operation is subscribed (over WebSockets).",
    };
}
