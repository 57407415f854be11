using System.Globalization;
using Npgsql;

namespace Platform.Metadata.ConnectionStrings;

/// <summary>
/// libpq's connection parameters (URL query parameters and keyword=value pairs) onto Npgsql's settings. Every
/// parameter is either mapped or refused with a reason: nothing a user wrote is dropped silently.
/// </summary>
public static class LibpqParameters
{
    /// <summary>Parameters the platform cannot honour, with why; naming one is an error at registration.</summary>
    private static readonly Dictionary<string, string> Unsupported = new(StringComparer.Ordinal)
    {
        ["sslcert"] = "client certificates are not supported: the platform holds no files of a project",
        ["sslkey"] = "client certificates are not supported: the platform holds no files of a project",
        ["sslpassword"] = "client certificates are not supported",
        ["sslcrl"] = "certificate revocation lists given as files are not supported",
        ["sslcrldir"] = "certificate revocation lists given as files are not supported",
        ["passfile"] = "password files are not supported; put the password in the connection string",
        ["service"] = "service files are not supported; give host, port and database",
        ["hostaddr"] = "hostaddr is not supported; give the address as host",
        ["requirepeer"] = "Unix-socket peer checks do not apply: the platform connects over TCP",
        ["replication"] = "replication connections are not supported",
        ["keepalives_count"] = "keepalives_count is not supported (the operating system's default applies)",
        ["tcp_user_timeout"] = "tcp_user_timeout is not supported",
        ["sslcompression"] = "SSL compression is not supported",
        ["sslsni"] = "sslsni cannot be turned off; server name indication is always sent",
        ["ssl_min_protocol_version"] = "the TLS version range follows the platform's TLS settings",
        ["ssl_max_protocol_version"] = "the TLS version range follows the platform's TLS settings",
        ["sslcertmode"] = "client certificates are not supported",
        ["require_auth"] = "require_auth is not supported",
        ["gsslib"] = "gsslib is not supported",
        ["gssdelegation"] = "gssdelegation is not supported",
    };

    /// <summary>Applies one parameter; throws <see cref="ArgumentException"/> naming it when it is unknown, unsupported or invalid.</summary>
    public static void Apply(NpgsqlConnectionStringBuilder b, string name, string value)
    {
        if (Unsupported.TryGetValue(name, out var why))
        {
            throw new ArgumentException($"The connection parameter '{name}' is not supported: {why}.");
        }

        bool known;
        try
        {
            known = Map(b, name, value);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            throw new ArgumentException($"The connection parameter '{name}' has an invalid value '{value}': {e.Message}", e);
        }

        if (!known)
        {
            throw new ArgumentException($"'{name}' is not a PostgreSQL connection parameter the platform knows.");
        }
    }

    private static bool Map(NpgsqlConnectionStringBuilder b, string name, string value)
    {
        switch (name)
        {
            case "host":
                b.Host = value;
                break;
            case "port":
                b.Host = WithPorts(b.Host, value, out var single);
                if (single is { } port)
                {
                    b.Port = port;
                }

                break;
            case "dbname":
                b.Database = value;
                break;
            case "user":
                b.Username = value;
                break;
            case "password":
                b.Password = value;
                break;
            case "sslmode":
                b.SslMode = Choice(value, ("disable", SslMode.Disable), ("allow", SslMode.Allow), ("prefer", SslMode.Prefer),
                    ("require", SslMode.Require), ("verify-ca", SslMode.VerifyCA), ("verify-full", SslMode.VerifyFull));
                break;
            case "sslrootcert":
                // "system": the operating system's trusted roots, and libpq then verifies the host name as well.
                if (value != "system")
                {
                    throw new ArgumentException("only 'system' is supported (the platform's trusted roots); the platform holds no files of a project");
                }

                b.RootCertificate = null;
                b.SslMode = SslMode.VerifyFull;
                break;
            case "sslnegotiation":
                b.SslNegotiation = Choice(value, ("postgres", SslNegotiation.Postgres), ("direct", SslNegotiation.Direct));
                break;
            case "channel_binding":
                b.ChannelBinding = Choice(value, ("disable", ChannelBinding.Disable), ("prefer", ChannelBinding.Prefer), ("require", ChannelBinding.Require));
                break;
            case "gssencmode":
                b.GssEncryptionMode = Choice(value, ("disable", GssEncryptionMode.Disable), ("prefer", GssEncryptionMode.Prefer), ("require", GssEncryptionMode.Require));
                break;
            case "krbsrvname":
                b.KerberosServiceName = value;
                break;
            case "connect_timeout":
                // libpq: seconds, 0 or negative waits forever; Npgsql's maximum is 1024 s, its 0 also means forever.
                var seconds = int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture);
                b.Timeout = Math.Clamp(seconds, 0, 1024);
                break;
            case "options":
                b.Options = value;
                break;
            case "application_name":
                b.ApplicationName = value;
                break;
            case "fallback_application_name":
                b.ApplicationName ??= value;
                break;
            case "client_encoding":
                b.ClientEncoding = value;
                break;
            case "target_session_attrs":
                b.TargetSessionAttributes = Choice(value, ("any", "any"), ("read-write", "read-write"), ("read-only", "read-only"),
                    ("primary", "primary"), ("standby", "standby"), ("prefer-standby", "prefer-standby"));
                break;
            case "load_balance_hosts":
                b.LoadBalanceHosts = Choice(value, ("disable", false), ("random", true));
                break;
            case "keepalives":
                b.TcpKeepAlive = Choice(value, ("1", true), ("0", false));
                break;
            case "keepalives_idle":
                b.TcpKeepAliveTime = int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture);
                break;
            case "keepalives_interval":
                b.TcpKeepAliveInterval = int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture);
                break;
            default:
                return false;
        }

        return true;
    }

    /// <summary>
    /// libpq's port list pairs with the host list (one port for all, or one per host); Npgsql writes ports in the
    /// host list. Returns the host list with ports, and the single port when there is one.
    /// </summary>
    private static string WithPorts(string? hosts, string ports, out int? single)
    {
        var portList = ports.Split(',');
        foreach (var p in portList)
        {
            if (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 65535)
            {
                throw new FormatException($"'{p}' is not a TCP port");
            }
        }

        single = portList.Length == 1 ? int.Parse(portList[0], CultureInfo.InvariantCulture) : null;
        if (single is not null || string.IsNullOrEmpty(hosts))
        {
            return hosts ?? "";
        }

        var hostList = hosts.Split(',');
        if (hostList.Length != portList.Length)
        {
            throw new FormatException($"{portList.Length} ports for {hostList.Length} hosts");
        }

        return string.Join(',', hostList.Select((h, i) => $"{h}:{portList[i]}"));
    }

    private static T Choice<T>(string value, params (string Name, T Value)[] choices)
    {
        foreach (var (name, v) in choices)
        {
            if (name == value)
            {
                return v;
            }
        }

        throw new FormatException("expected one of " + string.Join(", ", choices.Select(c => c.Name)));
    }
}
