using OpenIddict.Abstractions;
using Platform.ControlPlane.Hosting;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.ControlPlane.Identity;

/// <summary>The platform's own clients, written at every start so configuration changes (redirects, secret) apply.</summary>
public static class OidcClients
{
    public const string Portal = "portal";

    public const string Cli = "platform-cli";

    public const string ApiScope = "api";

    public static async Task SeedAsync(IServiceProvider services, ControlPlaneOptions options, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();

        var portal = new OpenIddictApplicationDescriptor
        {
            ClientId = Portal,
            DisplayName = "Platform portal",
            ClientType = string.IsNullOrEmpty(options.Portal.ClientSecret) ? ClientTypes.Public : ClientTypes.Confidential,
            ClientSecret = string.IsNullOrEmpty(options.Portal.ClientSecret) ? null : options.Portal.ClientSecret,
            ConsentType = ConsentTypes.Implicit,
        };
        foreach (var uri in Split(options.Portal.RedirectUris))
        {
            portal.RedirectUris.Add(new Uri(uri));
        }

        foreach (var uri in Split(options.Portal.PostLogoutRedirectUris))
        {
            portal.PostLogoutRedirectUris.Add(new Uri(uri));
        }

        AddCodeFlow(portal);
        await UpsertAsync(manager, portal, ct);

        var cli = new OpenIddictApplicationDescriptor
        {
            ClientId = Cli,
            DisplayName = "Platform command line",
            ClientType = ClientTypes.Public,
            ConsentType = ConsentTypes.Implicit,
            // Any port on these (LoopbackApplicationManager); the path must be /callback.
            RedirectUris = { new Uri("http://127.0.0.1/callback"), new Uri("http://[::1]/callback") },
        };
        AddCodeFlow(cli);
        await UpsertAsync(manager, cli, ct);
    }

    /// <summary>Creates a team service account's client: client credentials only, the api scope only.</summary>
    public static OpenIddictApplicationDescriptor ServiceAccount(string clientId, string secret, string name) => new()
    {
        ClientId = clientId,
        ClientSecret = secret,
        DisplayName = name,
        ClientType = ClientTypes.Confidential,
        Permissions =
        {
            Permissions.Endpoints.Token,
            Permissions.GrantTypes.ClientCredentials,
            Permissions.Prefixes.Scope + ApiScope,
        },
    };

    public static IEnumerable<string> Split(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal);

    private static void AddCodeFlow(OpenIddictApplicationDescriptor d)
    {
        d.Permissions.UnionWith(
        [
            Permissions.Endpoints.Authorization,
            Permissions.Endpoints.Token,
            Permissions.Endpoints.EndSession,
            Permissions.Endpoints.Revocation,
            Permissions.GrantTypes.AuthorizationCode,
            Permissions.GrantTypes.RefreshToken,
            Permissions.ResponseTypes.Code,
            Permissions.Scopes.Email,
            Permissions.Scopes.Profile,
            Permissions.Prefixes.Scope + ApiScope,
            Permissions.Prefixes.Scope + Scopes.OfflineAccess,
        ]);
        d.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
    }

    private static async Task UpsertAsync(IOpenIddictApplicationManager manager, OpenIddictApplicationDescriptor descriptor, CancellationToken ct)
    {
        if (await manager.FindByClientIdAsync(descriptor.ClientId!, ct) is { } existing)
        {
            await manager.UpdateAsync(existing, descriptor, ct);
        }
        else
        {
            try
            {
                await manager.CreateAsync(descriptor, ct);
            }
            catch (Microsoft.EntityFrameworkCore.DbUpdateException)
            {
                // Another replica created it at the same moment; make it ours.
                if (await manager.FindByClientIdAsync(descriptor.ClientId!, ct) is not { } raced)
                {
                    throw;
                }

                await manager.UpdateAsync(raced, descriptor, ct);
            }
        }
    }
}
