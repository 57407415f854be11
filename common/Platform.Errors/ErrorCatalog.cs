using System.Collections.Frozen;

namespace Platform.Errors;

/// <summary>
/// The status each code has wherever it is raised, so a code never answers 504 in one layer and 400 in another.
/// docs/errors.md shows the same table (a test keeps the two equal). A GraphQL surface may still answer 200 where the
/// GraphQL over HTTP spec says so; that is the renderer's rule (<see cref="GraphQLErrorJson"/>), not the code's.
/// </summary>
public static class ErrorCatalog
{
    private static readonly FrozenDictionary<string, ErrorDefinition> Definitions = new ErrorDefinition[]
    {
        new(ErrorCodes.BadRequest, 400),
        new(ErrorCodes.InvalidBody, 400),
        new(ErrorCodes.BodyTooLarge, 413),
        new(ErrorCodes.BodyTimeout, 408),
        new(ErrorCodes.UriTooLong, 414),
        new(ErrorCodes.HeadersTooLarge, 431),
        new(ErrorCodes.MethodNotAllowed, 405),
        new(ErrorCodes.NotAcceptable, 406),
        new(ErrorCodes.UnsupportedMediaType, 415),
        new(ErrorCodes.InvalidHost, 400),
        new(ErrorCodes.InvalidApiKey, 401),
        new(ErrorCodes.InvalidJwt, 401),
        new(ErrorCodes.Forbidden, 403),
        new(ErrorCodes.AnonymousRoleNotSet, 403),
        new(ErrorCodes.OriginNotAllowed, 403),
        new(ErrorCodes.UnsignedRequest, 401),
        new(ErrorCodes.SignatureExpired, 401),
        new(ErrorCodes.RateLimited, 429, 1),
        new(ErrorCodes.ConcurrencyLimit, 429, 1),
        new(ErrorCodes.WebSocketLimit, 429, 5),
        new(ErrorCodes.BadWebSocketRequest, 400),
        new(ErrorCodes.InvalidMessage, 400),
        new(ErrorCodes.InitTimeout, 408),
        new(ErrorCodes.GraphQLParseFailed, 400),
        new(ErrorCodes.GraphQLValidationFailed, 400),
        new(ErrorCodes.DepthLimitExceeded, 400),
        new(ErrorCodes.FieldLimitExceeded, 400),
        new(ErrorCodes.DocumentTooLarge, 400),
        new(ErrorCodes.OperationNotFound, 400),
        new(ErrorCodes.BadUserInput, 400),
        new(ErrorCodes.InvalidCursor, 400),
        new(ErrorCodes.Unsupported, 400),
        new(ErrorCodes.NotFound, 404),
        new(ErrorCodes.DatabaseError, 400),
        new(ErrorCodes.StatementTimeout, 400),
        new(ErrorCodes.ResponseTooLarge, 400),
        new(ErrorCodes.PoolTimeout, 503, 1),
        new(ErrorCodes.DatabaseUnavailable, 503, 5),
        new(ErrorCodes.DatabaseHostRefused, 503),
        new(ErrorCodes.DatabaseHostUnresolved, 503, 30),
        new(ErrorCodes.DatabaseLoginRefused, 503),
        new(ErrorCodes.SchemaBuildFailed, 503, 30),
        new(ErrorCodes.ProjectNotFound, 404),
        new(ErrorCodes.ProjectMoving, 503, 1),
        new(ErrorCodes.PlatformUnavailable, 503, 2),
        new(ErrorCodes.NoSiloAvailable, 503, 1),
        new(ErrorCodes.UpstreamTimeout, 504),
        new(ErrorCodes.UpstreamFailed, 502, 1),
        new(ErrorCodes.InternalError, 500),
        new(ErrorCodes.ValidationFailed, 400),
        new(ErrorCodes.InvalidToken, 400),
        new(ErrorCodes.Unauthenticated, 401),
        new(ErrorCodes.InvalidSignature, 401),
        new(ErrorCodes.EmailTaken, 409),
        new(ErrorCodes.ProjectNameTaken, 409),
        new(ErrorCodes.LastOwner, 409),
        new(ErrorCodes.TeamNotEmpty, 409),
        new(ErrorCodes.PersonalTeam, 409),
        new(ErrorCodes.RepositoryNotConfigured, 409),
        new(ErrorCodes.StaleETag, 412),
        new(ErrorCodes.PreconditionRequired, 428),
        new(ErrorCodes.PlatformDatabaseRefused, 422),
        new(ErrorCodes.DatabaseUnreachable, 422),
        new(ErrorCodes.DatabaseAuthFailed, 422),
        new(ErrorCodes.DatabaseVersionUnsupported, 422),
        new(ErrorCodes.DatabaseRolesMissing, 422),
        new(ErrorCodes.DatabaseCatalogUnreadable, 422),
    }.ToFrozenDictionary(d => d.Code, StringComparer.Ordinal);

    public static IReadOnlyCollection<ErrorDefinition> All => Definitions.Values;

    /// <summary>The definition of a platform code; an unknown code is a programming error, not a client's.</summary>
    public static ErrorDefinition Get(string code) =>
        Definitions.TryGetValue(code, out var definition)
            ? definition
            : throw new ArgumentException($"'{code}' is not in the error catalog; add it there and to docs/errors.md.", nameof(code));

    public static bool Contains(string code) => Definitions.ContainsKey(code);
}
