using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Validation.AspNetCore;
using Platform.ControlPlane.Auth;
using Platform.ControlPlane.Deployments;
using Platform.ControlPlane.Identity;
using Platform.Metadata;
using Platform.Metadata.Audit;
using Platform.Metadata.Deployments;
using Platform.Metadata.Outbox;
using Platform.Metadata.Projects;
using Platform.Metadata.Security;
using Platform.Metadata.Teams;
using Platform.Metadata.Tokens;
using Platform.Metadata.Usage;
using Platform.ServiceDefaults.InternalAuth;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.ControlPlane.Hosting;

/// <summary>Everything the control plane is made of, shared by the web host and the run.sh verbs.</summary>
public static class ControlPlaneServices
{
    public static IServiceCollection AddControlPlane(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, bool web)
    {
        var metadata = PostgresConnectionString.Normalize(configuration.GetConnectionString("Metadata")
            ?? throw new InvalidOperationException("ConnectionStrings:Metadata is not configured."));
        services.AddOptions<ControlPlaneOptions>().Bind(configuration.GetSection(ControlPlaneOptions.Section))
            .PostConfigure(o =>
            {
                o.AllowPrivateTenantHosts ??= environment.IsDevelopment();
                o.Deployments.AllowFileRepositories ??= environment.IsDevelopment();
            })
            .Validate(o => Uri.TryCreate(o.PortalUrl, UriKind.Absolute, out _), "Platform:ControlPlane:PortalUrl must be an absolute URL")
            .Validate(o => Uri.TryCreate(o.GatewayUrl, UriKind.Absolute, out _), "Platform:ControlPlane:GatewayUrl must be an absolute URL")
            .Validate(o => OidcClients.Split(o.Portal.RedirectUris).All(u => Uri.TryCreate(u, UriKind.Absolute, out _)), "Platform:ControlPlane:Portal:RedirectUris must be absolute URLs")
            .Validate(o => o.Deployments.Workers is >= 1 and <= 16 && o.Deployments.CloneTimeoutSeconds >= 1 && o.Deployments.MigrationTimeoutSeconds >= 1,
                "Platform:ControlPlane:Deployments limits are out of range")
            .ValidateOnStart();

        services.AddSingleton<TeamStore>();
        services.AddSingleton<InvitationStore>();
        services.AddSingleton<ServiceAccountStore>();
        services.AddSingleton<PersonalAccessTokenStore>();
        services.AddSingleton<AuditStore>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<RepositoryStore>();
        services.AddSingleton<DeploymentStore>();
        services.AddSingleton<UsageStore>();
        services.AddSingleton<ProjectAdminStore>();
        services.AddSingleton<OidcKeyStore>();
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<ControlPlaneOptions>>().Value;
            return new TenantConnectionCheck(metadata, o.HostGuard(), o.AllowPrivilegedTenantLogins);
        });
        services.AddInternalSigning(configuration);
        services.AddSingleton<SiloReloader>();
        services.AddHttpClient(nameof(SiloReloader), c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddScoped<AccountService>();
        services.AddScoped<CallerResolver>();
        services.AddScoped<Access>();
        services.AddSingleton<DeploymentRunner>();
        services.AddSingleton<DeploymentQueue>();

        services.AddDbContext<IdentityDb>(o =>
        {
            o.UseNpgsql(metadata, n => n.MigrationsHistoryTable("__ef_migrations", IdentityDb.Schema));
            o.UseOpenIddict();
        });

        services.AddIdentity<PlatformUser, IdentityRole<Guid>>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                o.Lockout.AllowedForNewUsers = true;
                o.SignIn.RequireConfirmedEmail = configuration.GetValue<bool>($"{ControlPlaneOptions.Section}:RequireConfirmedEmail");
                o.ClaimsIdentity.UserIdClaimType = Claims.Subject;
            })
            .AddEntityFrameworkStores<IdentityDb>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = Pages.AccountPages.LoginPath;
            o.Cookie.Name = "platform.session";
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.HttpOnly = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
        });

        services.AddOpenIddict()
            .AddCore(o =>
            {
                o.UseEntityFrameworkCore().UseDbContext<IdentityDb>();
                o.ReplaceApplicationManager(typeof(LoopbackApplicationManager<>));
            })
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/logout")
                    .SetUserInfoEndpointUris("connect/userinfo")
                    .SetRevocationEndpointUris("connect/revoke");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowClientCredentialsFlow()
                    .AllowRefreshTokenFlow();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess, OidcClients.ApiScope);
                o.SetAccessTokenLifetime(TimeSpan.FromHours(1)).SetRefreshTokenLifetime(TimeSpan.FromDays(14));
                // Access tokens are signed JWTs, not encrypted ones: any of our hosts can read them with the JWKS.
                o.DisableAccessTokenEncryption();
                o.AddSigningKey(new Microsoft.IdentityModel.Tokens.RsaSecurityKey(OidcKey(metadata, configuration, "signing")));
                o.AddEncryptionKey(new Microsoft.IdentityModel.Tokens.RsaSecurityKey(OidcKey(metadata, configuration, "encryption")));
                var aspnet = o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough();
                if (environment.IsDevelopment())
                {
                    aspnet.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.UseAspNetCore();
            });

        // Identity made its cookie the default; the API answers bearer tokens instead, and never redirects.
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = AuthSchemes.Bearer;
                o.DefaultAuthenticateScheme = AuthSchemes.Bearer;
                o.DefaultChallengeScheme = AuthSchemes.Bearer;
            })
            .AddPolicyScheme(AuthSchemes.Bearer, "Bearer tokens", o => o.ForwardDefaultSelector = http =>
                PersonalAccessTokenHandler.BearerToken(http.Request) is { } t && t.StartsWith(PersonalAccessTokenStore.TokenPrefix, StringComparison.Ordinal)
                    ? AuthSchemes.PersonalAccessToken
                    : OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, PersonalAccessTokenHandler>(AuthSchemes.PersonalAccessToken, null);

        services.AddHangfire(c => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(metadata), new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true }));
        if (web)
        {
            services.AddHangfireServer((sp, o) =>
            {
                o.WorkerCount = sp.GetRequiredService<IOptions<ControlPlaneOptions>>().Value.Deployments.Workers;
                o.Queues = [DeploymentQueue.Queue];
                o.ServerName = "control-plane-" + Environment.MachineName + "-" + Environment.ProcessId;
            });
        }

        return services;
    }

    /// <summary>
    /// The OpenID Connect keys from the metadata database (made on first start). Read while services are registered,
    /// because OpenIddict takes its keys as values; the metadata schema is migrated before this runs.
    /// </summary>
    private static System.Security.Cryptography.RSA OidcKey(string metadata, IConfiguration configuration, string purpose)
    {
        using var ds = Npgsql.NpgsqlDataSource.Create(metadata);
        return new OidcKeyStore(ds, SecretProtector.FromBase64(configuration["Platform:MasterKey"])).GetOrCreateAsync(purpose).GetAwaiter().GetResult();
    }
}
