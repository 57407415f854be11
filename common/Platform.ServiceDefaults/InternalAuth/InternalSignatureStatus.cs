namespace Platform.ServiceDefaults.InternalAuth;

/// <summary>What a silo makes of a request's internal signature; each refusal has its own stable error code.</summary>
public enum InternalSignatureStatus
{
    Valid,

    /// <summary>Missing, malformed, or made for another request: UNSIGNED_REQUEST.</summary>
    Invalid,

    /// <summary>Well formed but outside the window (a replay, or clocks apart): SIGNATURE_EXPIRED.</summary>
    Expired,
}
