using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Platform.DataPlane.Planning.Plans;

namespace Platform.DataPlane.Execution.Caching;

/// <summary>
/// Plans keyed by document hash + operation name. Most variables only feed parameters, so one plan serves all their
/// values (first, offset, cursors, conditions, and the keys inside node ids); variables that shaped the SQL (orderBy,
/// @skip...), the table a node id variable names, and the null-ness of every declared variable extend the key. Variables the operation does not declare never do, so made-up names cannot mint entries. Memory is bounded
/// however clients vary their requests: at most <see cref="PlanCacheLimits.MaxVariantsPerDocument"/> plans per
/// document, and <see cref="PlanCacheLimits.MaxEntries"/> plans or <see cref="PlanCacheLimits.MaxBytes"/> (estimated)
/// in all, the least recently used going first.
/// </summary>
public sealed class PlanCache(PlanCacheLimits limits)
{
    private readonly ConcurrentDictionary<(string Hash, string Operation), PlanFamily> families = new();
    private readonly PlanLru lru = new(limits);

    public PlanCache()
        : this(PlanCacheLimits.Default)
    {
    }

    /// <summary>Plans held now.</summary>
    public int Count => lru.Count;

    /// <summary>Estimated bytes the held plans take.</summary>
    public long Bytes => lru.Bytes;

    /// <summary>Returns the cached operation and whether it was a hit; <paramref name="create"/> runs on a miss.</summary>
    public async ValueTask<(CachedOperation Operation, bool Hit)> GetOrAddAsync(string query, string? operationName, JsonElement? variables, Func<Task<CachedOperation>> create)
    {
        var key = (Hash(query), operationName ?? "");
        if (!families.TryGetValue(key, out var family))
        {
            if (families.Count >= limits.MaxEntries)
            {
                // Families are a few sets of names each; their plans are bounded by the LRU. A flood of distinct
                // documents only costs this reset.
                families.Clear();
            }

            family = families.GetOrAdd(key, _ => new PlanFamily());
        }

        if (family.Declared is { } declared && lru.TryGet((key, VariantKey(declared, family, variables)), out var cached))
        {
            return (cached, true);
        }

        var plan = await create();
        family.Learn(plan);
        lru.Add((key, VariantKey(family.Declared!, family, variables)), plan, Estimate(query, plan));
        return (plan, false);
    }

    private static string Hash(string query)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(query), digest);
        return Convert.ToHexString(digest);
    }

    /// <summary>
    /// What a plan holds: the document's source and syntax tree (a few times the text) and the SQL texts. An estimate,
    /// not a measurement: it only has to grow with what a client controls.
    /// </summary>
    private static long Estimate(string query, CachedOperation plan)
    {
        long sql = 0;
        foreach (var field in plan.Plan.RootFields)
        {
            sql += (field.Statement?.Text.Length ?? 0) + (field.PayloadStatement?.Text.Length ?? 0);
        }

        return 1024 + (8L * query.Length) + (2 * sql);
    }

    private static string VariantKey(IReadOnlySet<string> declared, PlanFamily family, JsonElement? variables)
    {
        if (variables is not { ValueKind: JsonValueKind.Object } vars || declared.Count == 0)
        {
            return "";
        }

        var structural = family.StructuralVariables;
        var sb = new StringBuilder();
        if (family.NodeIdVariables.Count > 0)
        {
            sb.Append(OperationPlan.ShapeKey(EmptyNames, family.NodeIdVariables, variables)).Append('\u0002');
        }

        foreach (var p in vars.EnumerateObject())
        {
            if (!declared.Contains(p.Name))
            {
                continue;
            }

            sb.Append(p.Name).Append(structural.Contains(p.Name) ? '=' : ':');
            sb.Append(structural.Contains(p.Name) ? p.Value.GetRawText() : NullPattern(p.Value));
            sb.Append('\u0001');
        }

        return sb.ToString();
    }

    /// <summary>
    /// Which declared variables the request gives and the null pattern of each: what a plan's SQL depends on besides
    /// its structural values. Live queries group subscribers by it as the cache does.
    /// </summary>
    internal static string NullPatterns(GraphQLParser.AST.GraphQLOperationDefinition operation, JsonElement? variables)
    {
        if (variables is not { ValueKind: JsonValueKind.Object } vars || operation.Variables is not { Count: > 0 } declared)
        {
            return "";
        }

        var sb = new StringBuilder();
        foreach (var name in declared.Items.Select(v => v.Variable.Name.StringValue).Order(StringComparer.Ordinal))
        {
            if (vars.TryGetProperty(name, out var value))
            {
                sb.Append(name).Append(':').Append(NullPattern(value)).Append('\u0001');
            }
        }

        return sb.ToString();
    }

    // Null-ness changes SQL (IS NULL versus =), so it is part of the key even for parameter-only variables.
    private static string NullPattern(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "n",
        JsonValueKind.Object => "{" + string.Join(",", value.EnumerateObject().Select(p => p.Name + NullPattern(p.Value))) + "}",
        JsonValueKind.Array => "[]",
        _ => "v",
    };

    private static readonly IReadOnlySet<string> EmptyNames = new HashSet<string>();
    private static readonly IReadOnlySet<NodeIdVariable> EmptyNodeIds = new HashSet<NodeIdVariable>();

    private sealed class PlanFamily
    {
        private IReadOnlySet<string> structural = new HashSet<string>();
        private IReadOnlySet<NodeIdVariable> nodeIds = new HashSet<NodeIdVariable>();
        private IReadOnlySet<string>? declared;

        public IReadOnlySet<string> StructuralVariables => Volatile.Read(ref structural);

        /// <summary>Node id variables any plan of the operation read; only the table each names keys the plan.</summary>
        public IReadOnlySet<NodeIdVariable> NodeIdVariables => Volatile.Read(ref nodeIds);

        /// <summary>The operation's declared variable names; null until its first plan.</summary>
        public IReadOnlySet<string>? Declared => Volatile.Read(ref declared);

        public void Learn(CachedOperation plan)
        {
            if (Declared is null)
            {
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var v in plan.Operation.Variables?.Items ?? [])
                {
                    names.Add(v.Variable.Name.StringValue);
                }

                Volatile.Write(ref declared, names);
            }

            var more = plan.Plan.StructuralVariables;
            var moreIds = plan.Plan.NodeIdVariables ?? EmptyNodeIds;
            if (more.IsSubsetOf(StructuralVariables) && moreIds.IsSubsetOf(NodeIdVariables))
            {
                return;
            }

            lock (this)
            {
                var union = new HashSet<string>(StructuralVariables);
                union.UnionWith(more);
                Volatile.Write(ref structural, union);
                var ids = new HashSet<NodeIdVariable>(NodeIdVariables);
                ids.UnionWith(moreIds);
                Volatile.Write(ref nodeIds, ids);
            }
        }
    }
}
