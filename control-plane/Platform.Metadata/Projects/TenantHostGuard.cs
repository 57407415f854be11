using System.Globalization;
using System.Net;
using Npgsql;

namespace Platform.Metadata.Projects;

/// <summary>
/// Applies <see cref="TenantHostPolicy"/> where it cannot be dodged: it resolves the tenant's host names itself, checks
/// every address, and gives back a connection string whose Host lists those addresses, so every physical connection
/// the driver opens goes to an address that was checked (a name cannot resolve to a public address for the check and
/// to 127.0.0.1 for the connection). TLS keeps the name: <see cref="Pin"/> sets it as the target host, so the
/// certificate is verified against it and SNI carries it. A name that does not resolve is refused, since its address
/// cannot be checked; the caller checks again later (names move).
/// </summary>
/// <param name="allowAll">Development: any address, nothing pinned, the driver resolves (local databases on 127.0.0.1).</param>
/// <param name="allowedNetworks">Private networks a deployment keeps its tenants' databases on; other non-public addresses stay refused.</param>
public sealed class TenantHostGuard(ITenantHostResolver resolver, bool allowAll, IReadOnlyList<IPNetwork>? allowedNetworks = null)
{
    public const string RefusedCode = "DATABASE_HOST_REFUSED";
    public const string UnresolvedCode = "DATABASE_HOST_UNRESOLVED";

    private readonly IReadOnlyList<IPNetwork> allowed = allowedNetworks ?? [];

    public static IReadOnlyList<IPNetwork> ParseNetworks(IEnumerable<string>? networks) =>
        (networks ?? []).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => IPNetwork.Parse(n.Trim())).ToList();

    /// <summary>Lower case and without the root's trailing dot: "DB.example.com." and "db.example.com" are one name.</summary>
    public static string NormalizeName(string host)
    {
        var name = host.Trim().ToLowerInvariant();
        return name.Length > 1 && name.EndsWith('.') ? name[..^1] : name;
    }

    public async Task<TenantHostVerdict> CheckAsync(string connectionString, CancellationToken cancellationToken)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(b.Host))
        {
            return Refuse("The connection string names no host.");
        }

        var entries = b.Host.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (entries.Any(e => e.StartsWith('/') || e.StartsWith('@')))
        {
            return Refuse("The connection string names a Unix socket; the platform connects to databases over TCP only.");
        }

        if (allowAll)
        {
            return TenantHostVerdict.Unpinned;
        }

        var pinned = new List<string>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var (host, port) = Split(entry);
            IPAddress[] addresses;
            if (IPAddress.TryParse(host, out var literal))
            {
                addresses = [literal];
            }
            else
            {
                host = NormalizeName(host);
                addresses = await resolver.ResolveAsync(host, cancellationToken);
                if (addresses.Length == 0)
                {
                    return new TenantHostVerdict(UnresolvedCode,
                        $"The host {host} does not resolve, so the platform cannot check its address; it is checked again shortly.", null, names);
                }
            }

            if (addresses.FirstOrDefault(a => !IsAllowed(a)) is { } refused)
            {
                return Refuse($"The host {host} resolves to {refused}, a loopback, private, link-local or reserved address; the platform connects only to public addresses.");
            }

            foreach (var address in addresses.Distinct())
            {
                var text = address.IsIPv4MappedToIPv6 ? address.MapToIPv4().ToString() : address.ToString();
                if (names.TryAdd(text, host))
                {
                    var shown = text.Contains(':', StringComparison.Ordinal) ? "[" + text + "]" : text;
                    pinned.Add(port is null ? shown : shown + ":" + port.Value.ToString(CultureInfo.InvariantCulture));
                }
            }
        }

        return new TenantHostVerdict(null, null, string.Join(',', pinned), names);
    }

    /// <summary>Points the builder at the checked addresses and keeps the names for TLS; nothing when the verdict pins nothing.</summary>
    public static void Pin(NpgsqlDataSourceBuilder builder, TenantHostVerdict verdict)
    {
        if (verdict.PinnedHost is null)
        {
            return;
        }

        builder.ConnectionStringBuilder.Host = verdict.PinnedHost;
        var names = verdict.NameOf;
        builder.UseSslClientAuthenticationOptionsCallback(options =>
        {
            if (options.TargetHost is { } target && names.TryGetValue(target.Trim('[', ']'), out var name))
            {
                options.TargetHost = name;
            }
        });
    }

    private bool IsAllowed(IPAddress address)
    {
        if (TenantHostPolicy.IsPublic(address))
        {
            return true;
        }

        var v4 = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return allowed.Any(n => n.Contains(v4));
    }

    private static TenantHostVerdict Refuse(string reason) => new(RefusedCode, reason, null, new Dictionary<string, string>());

    /// <summary>One Host entry as host and optional port (Npgsql allows "host:port" and "[v6]:port").</summary>
    private static (string Host, int? Port) Split(string entry)
    {
        if (entry.StartsWith('['))
        {
            var close = entry.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return (entry, null);
            }

            var rest = entry[(close + 1)..];
            return (entry[1..close], rest.StartsWith(':') && int.TryParse(rest[1..], CultureInfo.InvariantCulture, out var p6) ? p6 : null);
        }

        // One colon is host:port; more than one is a bare IPv6 address.
        var colon = entry.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && colon == entry.LastIndexOf(':') && int.TryParse(entry[(colon + 1)..], CultureInfo.InvariantCulture, out var port))
        {
            return (entry[..colon], port);
        }

        return (entry, null);
    }
}
