namespace Platform.ServiceDefaults.InternalAuth;

public sealed class InternalSigningOptions
{
    public const int MinSecretLength = 16;

    public string Secret { get; set; } = "";
}
