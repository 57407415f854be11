using System.Net;

namespace Platform.Metadata.Projects;

/// <summary>
/// Names listed in a hosts-format file (address, then names, '#' comments) resolve to the addresses listed there;
/// others go to the next resolver. Operators pin tenant names this way (split-horizon DNS, a migration) without
/// touching the node's /etc/hosts, and tests change where a name points while the platform runs. The file is read
/// again whenever it changes.
/// </summary>
public sealed class HostsFileTenantHostResolver(string path, ITenantHostResolver next) : ITenantHostResolver
{
    private readonly Lock gate = new();
    private DateTime readAt = DateTime.MinValue;
    private Dictionary<string, IPAddress[]> entries = new(StringComparer.Ordinal);

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Entries().TryGetValue(host, out var addresses) ? Task.FromResult(addresses) : next.ResolveAsync(host, cancellationToken);

    private Dictionary<string, IPAddress[]> Entries()
    {
        var written = File.Exists(path) ? File.GetLastWriteTimeUtc(path) : DateTime.MinValue;
        lock (gate)
        {
            if (written != readAt)
            {
                entries = written == DateTime.MinValue ? new(StringComparer.Ordinal) : Parse(File.ReadAllLines(path));
                readAt = written;
            }

            return entries;
        }
    }

    private static Dictionary<string, IPAddress[]> Parse(string[] lines)
    {
        var found = new Dictionary<string, List<IPAddress>>(StringComparer.Ordinal);
        foreach (var raw in lines)
        {
            var line = raw.Split('#', 2)[0];
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2 || !IPAddress.TryParse(fields[0], out var address))
            {
                continue;
            }

            foreach (var name in fields.Skip(1))
            {
                var key = TenantHostGuard.NormalizeName(name);
                if (!found.TryGetValue(key, out var list))
                {
                    found[key] = list = [];
                }

                list.Add(address);
            }
        }

        return found.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }
}
