namespace Platform.Errors;

/// <summary>
/// Every code the platform answers with, on every surface. Clients branch on these, so a published code never changes
/// meaning. Each has one entry in <see cref="ErrorCatalog"/> (its status) and one row in docs/errors.md.
/// PostgreSQL's own errors additionally carry their SQLSTATE (<see cref="PostgresErrorFields.SqlState"/>).
/// </summary>
public static class ErrorCodes
{
    // Request shape and size (any surface).
    public const string BadRequest = "BAD_REQUEST";
    public const string InvalidBody = "INVALID_BODY";
    public const string BodyTooLarge = "BODY_TOO_LARGE";
    public const string BodyTimeout = "BODY_TIMEOUT";
    public const string UriTooLong = "URI_TOO_LONG";
    public const string HeadersTooLarge = "HEADERS_TOO_LARGE";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string NotAcceptable = "NOT_ACCEPTABLE";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string InvalidHost = "INVALID_HOST";

    // Who is asking.
    public const string InvalidApiKey = "INVALID_API_KEY";
    public const string InvalidJwt = "INVALID_JWT";
    public const string Forbidden = "FORBIDDEN";

    /// <summary>An anon key (without a token naming a role) reached a project that has no anonymousRole: it would run as the owner.</summary>
    public const string AnonymousRoleNotSet = "ANONYMOUS_ROLE_NOT_SET";
    public const string OriginNotAllowed = "ORIGIN_NOT_ALLOWED";
    public const string UnsignedRequest = "UNSIGNED_REQUEST";
    public const string SignatureExpired = "SIGNATURE_EXPIRED";

    // Limits.
    public const string RateLimited = "RATE_LIMITED";
    public const string ConcurrencyLimit = "CONCURRENCY_LIMIT";
    public const string WebSocketLimit = "WEBSOCKET_LIMIT";

    // WebSockets (graphql-transport-ws close reasons the gateway gives).
    public const string BadWebSocketRequest = "BAD_WEBSOCKET_REQUEST";
    public const string InvalidMessage = "INVALID_MESSAGE";
    public const string InitTimeout = "INIT_TIMEOUT";

    // GraphQL documents.
    public const string GraphQLParseFailed = "GRAPHQL_PARSE_FAILED";
    public const string GraphQLValidationFailed = "GRAPHQL_VALIDATION_FAILED";
    public const string DepthLimitExceeded = "DEPTH_LIMIT_EXCEEDED";
    public const string FieldLimitExceeded = "FIELD_LIMIT_EXCEEDED";
    public const string DocumentTooLarge = "DOCUMENT_TOO_LARGE";
    public const string OperationNotFound = "OPERATION_NOT_FOUND";
    public const string BadUserInput = "BAD_USER_INPUT";
    public const string InvalidCursor = "INVALID_CURSOR";
    public const string Unsupported = "UNSUPPORTED";

    /// <summary>An update or delete found no row it may change (absent, or hidden by row-level security).</summary>
    public const string NotFound = "NOT_FOUND";

    // The tenant database.
    public const string DatabaseError = "DATABASE_ERROR";
    public const string StatementTimeout = "STATEMENT_TIMEOUT";
    public const string ResponseTooLarge = "RESPONSE_TOO_LARGE";
    public const string PoolTimeout = "POOL_TIMEOUT";
    public const string DatabaseUnavailable = "DATABASE_UNAVAILABLE";
    public const string DatabaseHostRefused = "DATABASE_HOST_REFUSED";

    /// <summary>The database host names nothing the platform can resolve, so it cannot be checked against the host policy.</summary>
    public const string DatabaseHostUnresolved = "DATABASE_HOST_UNRESOLVED";

    /// <summary>The project's login may become a role a tenant login must not have (Platform.Metadata's TenantLoginPolicy).</summary>
    public const string DatabaseLoginRefused = "DATABASE_LOGIN_REFUSED";

    /// <summary>The database answers, but its catalog gave no GraphQL schema; the message says why.</summary>
    public const string SchemaBuildFailed = "SCHEMA_BUILD_FAILED";

    // The platform itself.
    public const string ProjectNotFound = "PROJECT_NOT_FOUND";
    public const string ProjectMoving = "PROJECT_MOVING";
    public const string PlatformUnavailable = "PLATFORM_UNAVAILABLE";
    public const string NoSiloAvailable = "NO_SILO_AVAILABLE";
    public const string UpstreamTimeout = "UPSTREAM_TIMEOUT";
    public const string UpstreamFailed = "UPSTREAM_FAILED";
    public const string InternalError = "INTERNAL_ERROR";

    // The control plane's API (docs/control-plane-api.md); problem+json.
    public const string ValidationFailed = "VALIDATION_FAILED";
    public const string InvalidToken = "INVALID_TOKEN";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string InvalidSignature = "INVALID_SIGNATURE";
    public const string EmailTaken = "EMAIL_TAKEN";
    public const string ProjectNameTaken = "PROJECT_NAME_TAKEN";
    public const string LastOwner = "LAST_OWNER";
    public const string TeamNotEmpty = "TEAM_NOT_EMPTY";
    public const string PersonalTeam = "PERSONAL_TEAM";
    public const string RepositoryNotConfigured = "REPOSITORY_NOT_CONFIGURED";
    public const string StaleETag = "STALE_ETAG";
    public const string PreconditionRequired = "PRECONDITION_REQUIRED";
    public const string PlatformDatabaseRefused = "PLATFORM_DATABASE_REFUSED";
    public const string DatabaseUnreachable = "DATABASE_UNREACHABLE";
    public const string DatabaseAuthFailed = "DATABASE_AUTH_FAILED";
    public const string DatabaseVersionUnsupported = "DATABASE_VERSION_UNSUPPORTED";
    public const string DatabaseRolesMissing = "DATABASE_ROLES_MISSING";
    public const string DatabaseCatalogUnreadable = "DATABASE_CATALOG_UNREADABLE";
}
