using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;


namespace Platform.DataPlane.Execution.Caching;

/// <summary>
/// Plans keyed by document hash + operation name. Most variables only feed parameters, so one plan serves all their
/// values; variables that shaped the SQL (orderBy, @skip...) and the null-ness of every variable extend the key.
/// </summary>
public sealed class PlanCache
{
    private const int MaxFamilies = 2000;
    private readonly ConcurrentDictionary<(string Hash, string Operation), PlanFamily> families = new();

    public int Count => families.Count;

    /// <summary>Returns the cached operation and whether it was a hit; <paramref name="create"/> runs on a miss.</summary>
    public async ValueTask<(CachedOperation Operation, bool Hit)> GetOrAddAsync(string query, string? operationName, JsonElement? variables, Func<Task<CachedOperation>> create)
    {
        var key = (Hash(query), operationName ?? "");
        var family = families.GetOrAdd(key, _ => new PlanFamily());
        var structural = family.StructuralVariables;
        var variantKey = VariantKey(structural, variables);
        if (family.Plans.TryGetValue(variantKey, out var cached))
        {
            return (cached, true);
        }

        var plan = await create();
        if (families.Count > MaxFamilies)
        {
            // A crude bound: documents are usually a small fixed set per app, so a reset is rare and cheap.
            families.Clear();
            families[key] = family;
        }

        family.Widen(plan.Plan.StructuralVariables);
        family.Plans[VariantKey(family.StructuralVariables, variables)] = plan;
        return (plan, false);
    }

    private static string Hash(string query)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(query), digest);
        return Convert.ToHexString(digest);
    }

    private static string VariantKey(IReadOnlySet<string> structural, JsonElement? variables)
    {
        if (variables is not { ValueKind: JsonValueKind.Object } vars)
        {
            return "";
        }

        var sb = new StringBuilder();
        foreach (var p in vars.EnumerateObject())
        {
            sb.Append(p.Name).Append(structural.Contains(p.Name) ? '=' : ':');
            sb.Append(structural.Contains(p.Name) ? p.Value.GetRawText() : NullPattern(p.Value));
            sb.Append('\u0001');
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

    private sealed class PlanFamily
    {
        private IReadOnlySet<string> structural = new HashSet<string>();

        public IReadOnlySet<string> StructuralVariables => Volatile.Read(ref structural);

        public ConcurrentDictionary<string, CachedOperation> Plans { get; } = new();

        public void Widen(IReadOnlySet<string> more)
        {
            if (more.IsSubsetOf(StructuralVariables))
            {
                return;
            }

            lock (Plans)
            {
                var union = new HashSet<string>(StructuralVariables);
                union.UnionWith(more);
                Volatile.Write(ref structural, union);
            }
        }
    }
}
