using GraphQL.Types;
using Platform.DataPlane.Schema.Model;

namespace Platform.DataPlane.Schema.Graph;

/// <summary>
/// Builds a GraphQL for .NET schema from the model. It has no resolvers for data: it exists to validate documents
/// and coerce variables, and to answer introspection exactly as the planner will answer queries.
/// </summary>
public sealed partial class GraphQLSchemaFactory
{
    private readonly SchemaModel model;
    private readonly Dictionary<string, IGraphType> named = new(StringComparer.Ordinal);
    private readonly InterfaceGraphType node = new() { Name = "Node", Description = "An object with a globally unique `ID`." };

    private GraphQLSchemaFactory(SchemaModel model)
    {
        this.model = model;
    }

    public static ISchema Create(SchemaModel model)
    {
        var factory = new GraphQLSchemaFactory(model);
        var schema = factory.Build();
        schema.Initialize();
        return schema;
    }

    private global::GraphQL.Types.Schema Build()
    {
        AddScalars();
        node.AddField(new FieldType { Name = "nodeId", Description = "A globally unique identifier. Can be used in various places throughout the system to identify this single value.", ResolvedType = new NonNullGraphType(named["ID"]) });
        node.ResolveType = _ => null;
        named["Node"] = node;
        foreach (var e in model.Enums)
        {
            var type = new EnumerationGraphType { Name = e.GraphQLName, Description = e.Description };
            foreach (var v in e.Values)
            {
                type.Add(v.GraphQLName, v.GraphQLName);
            }

            named[e.GraphQLName] = type;
        }

        AddComposites();
        foreach (var table in model.Tables)
        {
            named[table.TypeName] = new ObjectGraphType { Name = table.TypeName, Description = table.Description };
        }

        foreach (var table in model.Tables)
        {
            AddCollectionTypes(table);
        }

        foreach (var table in model.Tables)
        {
            FillRowType(table);
        }

        var schema = new global::GraphQL.Types.Schema { Query = BuildQuery() };
        schema.Mutation = BuildMutation();
        schema.Subscription = BuildSubscription(schema.Query);
        schema.Directives.Register(LiveDirective());
        // GraphiQL and graphql-js ask for these in their introspection queries when enabled.
        schema.Features.DeprecationOfInputValues = true;
        schema.Features.RepeatableDirectives = true;
        // As v4, a type is in the schema only when an operation reaches it (no unused scalars such as BigInt).
        foreach (var type in Reachable(schema.Query, schema.Mutation))
        {
            schema.RegisterType(type);
        }

        return schema;
    }

    private static HashSet<IGraphType> Reachable(params IGraphType?[] roots)
    {
        var seen = new HashSet<IGraphType>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<IGraphType>(roots.OfType<IGraphType>());
        while (pending.TryPop(out var type))
        {
            while (type is IProvideResolvedType wrapper && wrapper.ResolvedType is { } inner)
            {
                type = inner;
            }

            if (!seen.Add(type))
            {
                continue;
            }

            if (type is IComplexGraphType complex)
            {
                foreach (var field in complex.Fields)
                {
                    if (field.ResolvedType is { } fieldType)
                    {
                        pending.Push(fieldType);
                    }

                    foreach (var argument in field.Arguments ?? [])
                    {
                        if (argument.ResolvedType is { } argumentType)
                        {
                            pending.Push(argumentType);
                        }
                    }
                }
            }

            if (type is IImplementInterfaces implementer)
            {
                foreach (var i in implementer.ResolvedInterfaces)
                {
                    pending.Push(i);
                }
            }
        }

        return seen;
    }
}
