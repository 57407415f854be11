using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.InternalAuth;

/// <summary>
/// The signer gateways, silos and the control plane share, configured from <c>Platform:InternalSecret</c> and
/// <c>Platform:InternalSigning:Window</c> and checked at start, so a host that cannot sign or verify never serves.
/// </summary>
public static class InternalSigningServices
{
    public const string SecretKey = "Platform:InternalSecret";
    public const string WindowKey = "Platform:InternalSigning:Window";

    public static IServiceCollection AddInternalSigning(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InternalSigningOptions>()
            .Configure(o =>
            {
                o.Secret = configuration[SecretKey] ?? "";
                if (configuration.GetValue<TimeSpan?>(WindowKey) is { } window)
                {
                    o.Window = window;
                }
            })
            .Validate(o => o.Secret.Length >= InternalSigningOptions.MinSecretLength,
                $"{SecretKey} must be configured (at least {InternalSigningOptions.MinSecretLength} characters).")
            .Validate(o => o.Window >= TimeSpan.FromSeconds(1) && o.Window <= InternalSigningOptions.MaxWindow,
                $"{WindowKey} must be between 1 and {InternalSigningOptions.MaxWindow.TotalSeconds:0} seconds.")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<InternalSigningOptions>>().Value;
            return new InternalRequestSigner(o.Secret, o.Window);
        });
        return services;
    }
}
