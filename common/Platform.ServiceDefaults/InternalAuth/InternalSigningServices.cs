using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.InternalAuth;

/// <summary>The signer gateways and silos share, configured from <c>Platform:InternalSecret</c> and checked at start.</summary>
public static class InternalSigningServices
{
    public const string SecretKey = "Platform:InternalSecret";

    public static IServiceCollection AddInternalSigning(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InternalSigningOptions>()
            .Configure(o => o.Secret = configuration[SecretKey] ?? "")
            .Validate(o => o.Secret.Length >= InternalSigningOptions.MinSecretLength,
                $"{SecretKey} must be configured (at least {InternalSigningOptions.MinSecretLength} characters).")
            .ValidateOnStart();
        services.AddSingleton(sp => new InternalRequestSigner(sp.GetRequiredService<IOptions<InternalSigningOptions>>().Value.Secret));
        return services;
    }
}
