using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Metadata.Projects;

/// <summary>
/// A project's settings, in the JSON format documented in docs/project-settings.md. The same document is the
/// project file of an imported repo and the file named by PLATFORM_DEMO_SETTINGS. Unknown properties are refused,
/// so a typo is an error rather than a silently ignored setting.
/// </summary>
public sealed record ProjectSettings
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };

    /// <summary>The shortest HS256 secret accepted: as long as the hash it keys.</summary>
    public const int MinJwtSecretBytes = 32;

    public IReadOnlyList<string> ExposedSchemas { get; init; } = ["public"];

    /// <summary>PostgreSQL role for anon-key requests without an end-user JWT; null means the connection's own role.</summary>
    public string? AnonymousRole { get; init; }

    /// <summary>PostgreSQL role for service-key requests; null means the connection's own role.</summary>
    public string? OwnerRole { get; init; }

    /// <summary>Roles an end-user JWT may name in its role claim.</summary>
    public IReadOnlyList<string> AllowedRoles { get; init; } = [];

    public JwtSettings? Jwt { get; init; }

    /// <summary>
    /// The project owns its database server outright (nothing else lives on it), so its login may keep cluster-wide
    /// attributes such as CREATEROLE (<see cref="TenantLoginPolicy"/>); the silo logs a warning at activation.
    /// </summary>
    public bool OwnsDatabaseServer { get; init; }

    public int PoolSize { get; init; } = 10;

    public int PoolTimeoutSeconds { get; init; } = 5;

    public int StatementTimeoutSeconds { get; init; } = 10;

    /// <summary>Largest response body the data plane builds (GraphQL and /sql); past it, RESPONSE_TOO_LARGE.</summary>
    public int MaxResponseBytes { get; init; } = 5 * 1024 * 1024;

    /// <summary>The gateway's limits for this project; null (or a null property) means the gateway's defaults.</summary>
    public ProjectLimits? Limits { get; init; }

    /// <summary>Subscriptions and live queries over WebSockets; null means the defaults.</summary>
    public RealtimeSettings? Realtime { get; init; }

    /// <summary>How /sql serves the project; null means the defaults (no end-user tokens).</summary>
    public ProjectSqlSettings? Sql { get; init; }

    /// <summary>Browser origins the gateway allows; null means any origin, without credentials.</summary>
    public ProjectCorsSettings? Cors { get; init; }

    /// <summary>The shape of the GraphQL schema (PostGraphile v4's options); null means v4's defaults.</summary>
    public ProjectGraphqlSettings? Graphql { get; init; }

    public static ProjectSettings Parse(string json) =>
        JsonSerializer.Deserialize<ProjectSettings>(json, Json) ?? throw new JsonException("Project settings must be a JSON object.");

    /// <summary>Throws with every problem found; used before anything is stored.</summary>
    public void Validate()
    {
        var problems = Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid project settings: " + string.Join("; ", problems) + ".");
        }
    }

    /// <summary>Every problem found, each starting with the property's path (e.g. "limits.burst must be ...").</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (ExposedSchemas.Count == 0 || ExposedSchemas.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("exposedSchemas must name at least one schema");
        }

        if (PoolSize is < 1 or > 1000)
        {
            problems.Add("poolSize must be between 1 and 1000");
        }

        if (PoolTimeoutSeconds is < 1 or > 300)
        {
            problems.Add("poolTimeoutSeconds must be between 1 and 300");
        }

        if (StatementTimeoutSeconds is < 1 or > 3600)
        {
            problems.Add("statementTimeoutSeconds must be between 1 and 3600");
        }

        if (MaxResponseBytes is < 1024 or > 64 * 1024 * 1024)
        {
            problems.Add("maxResponseBytes must be between 1024 and 67108864");
        }

        if (Jwt is { } jwt && jwt.Algorithm is not ("HS256" or "RS256" or "ES256"))
        {
            problems.Add("jwt.algorithm must be HS256, RS256 or ES256");
        }

        if (Jwt is { Algorithm: "HS256", Secret: { Length: > 0 } hs } && System.Text.Encoding.UTF8.GetByteCount(hs) < MinJwtSecretBytes)
        {
            // An HMAC key shorter than its 256-bit output can be searched offline from one token (RFC 7518 3.2).
            problems.Add($"jwt.secret must be at least {MinJwtSecretBytes} bytes for HS256");
        }

        if (Jwt is { TokenType: { Length: > 0 } } minting && (minting.Algorithm != "HS256" || string.IsNullOrEmpty(minting.Secret)))
        {
            // Minting signs with the project's key; RS256/ES256 projects give the platform only the public half.
            problems.Add("jwt.tokenType needs jwt.algorithm HS256 and a jwt.secret to sign tokens with");
        }

        Limits?.Validate(problems);
        Realtime?.Validate(problems);
        Cors?.Validate(problems);
        Graphql?.Validate(problems);
        return problems;
    }

    /// <summary>
    /// Every problem of settings that will keep the stored JWT secret (a JWT section without one keeps it, see
    /// ProjectAdminStore.UpdateSettingsAsync): judged as if that secret were present, so an editor can send back what
    /// GET gave them (which never carries the secret).
    /// </summary>
    public IReadOnlyList<string> Problems(bool secretStored) =>
        secretStored && Jwt is { Secret: null } jwt
            ? (this with { Jwt = jwt with { Secret = new string('s', MinJwtSecretBytes) } }).Problems()
            : Problems();

    /// <summary>The settings as stored in platform.projects.settings: everything but the JWT secret, which is encrypted apart.</summary>
    public string ToStoredJson() => JsonSerializer.Serialize(this with { Jwt = Jwt is null ? null : Jwt with { Secret = null } }, Json);
}
