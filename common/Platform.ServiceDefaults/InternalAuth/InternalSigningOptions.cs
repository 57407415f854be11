namespace Platform.ServiceDefaults.InternalAuth;

/// <summary>The internal signature's secret (<c>Platform:InternalSecret</c>) and window (<c>Platform:InternalSigning:Window</c>).</summary>
public sealed class InternalSigningOptions
{
    public const int MinSecretLength = 16;

    public static readonly TimeSpan MaxWindow = TimeSpan.FromSeconds(30);

    public string Secret { get; set; } = "";

    /// <summary>How old (or, for clocks apart, how new) a signature a silo still accepts. Gateways sign right before
    /// sending a body they already hold, so a few seconds is enough; a captured request is useless after it.</summary>
    public TimeSpan Window { get; set; } = InternalRequestSigner.DefaultWindow;
}
