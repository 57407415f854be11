using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Platform.ControlPlane.Hosting;
using Platform.Metadata.Audit;
using Platform.Metadata.Outbox;
using Platform.Metadata.Teams;

namespace Platform.ControlPlane.Identity;

/// <summary>Sign-up, email confirmation and password reset. Mail goes to the outbox; links point at the portal.</summary>
public sealed class AccountService(
    UserManager<PlatformUser> users,
    TeamStore teams,
    OutboxStore outbox,
    AuditStore audit,
    IOptions<ControlPlaneOptions> options)
{
    public async Task<SignUpOutcome> SignUpAsync(string email, string password, string? displayName, CancellationToken ct)
    {
        email = email.Trim();
        if (displayName is { Length: > 100 })
        {
            return new SignUpOutcome(null, null, new Dictionary<string, string[]> { ["displayName"] = ["must be at most 100 characters"] });
        }

        var user = new PlatformUser { UserName = email, Email = email, DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim() };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            var taken = created.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName");
            return new SignUpOutcome(null, null, ErrorsOf(created)) { EmailTaken = taken };
        }

        var team = await teams.CreateAsync(Truncate((user.DisplayName ?? email) + "'s team", 100), personal: true, user.Id, ct);
        await audit.WriteAsync(team.Id, null, new AuditActor("user", user.Id.ToString(), email), "team.created", new AuditTarget("team", team.Id.ToString(), team.Name), null, ct);
        await SendConfirmationAsync(user, ct);
        return new SignUpOutcome(user, team, null);
    }

    public async Task SendConfirmationAsync(PlatformUser user, CancellationToken ct)
    {
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        var link = $"{Portal}/confirm-email?userId={user.Id}&token={Uri.EscapeDataString(token)}";
        await outbox.AddAsync(user.Email!, "confirm-email", "Confirm your email address",
            $"Open this link to confirm your email address: {link}", link, token, ct);
    }

    public async Task<bool> ConfirmEmailAsync(Guid userId, string token)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        return user is not null && (await users.ConfirmEmailAsync(user, token)).Succeeded;
    }

    /// <summary>Writes a reset message when the account exists; says nothing either way, so emails cannot be probed.</summary>
    public async Task RequestPasswordResetAsync(string email, CancellationToken ct)
    {
        if (await users.FindByEmailAsync(email.Trim()) is not { } user)
        {
            return;
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = $"{Portal}/reset-password?email={Uri.EscapeDataString(user.Email!)}&token={Uri.EscapeDataString(token)}";
        await outbox.AddAsync(user.Email!, "password-reset", "Reset your password",
            $"Open this link to choose a new password: {link}", link, token, ct);
    }

    /// <summary>Null on success; otherwise field errors (an unknown account or bad token reads as a bad token).</summary>
    public async Task<IReadOnlyDictionary<string, string[]>?> ResetPasswordAsync(string email, string token, string newPassword)
    {
        if (await users.FindByEmailAsync(email.Trim()) is not { } user)
        {
            return new Dictionary<string, string[]> { ["token"] = ["is invalid or expired"] };
        }

        var result = await users.ResetPasswordAsync(user, token, newPassword);
        return result.Succeeded ? null : ErrorsOf(result);
    }

    public static IReadOnlyDictionary<string, string[]> ErrorsOf(IdentityResult result)
    {
        var errors = new Dictionary<string, List<string>>();
        foreach (var e in result.Errors)
        {
            var field = e.Code switch
            {
                var c when c.StartsWith("Password", StringComparison.Ordinal) => "password",
                "DuplicateEmail" or "DuplicateUserName" or "InvalidEmail" or "InvalidUserName" => "email",
                "InvalidToken" => "token",
                _ => "account",
            };
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }

            list.Add(e.Description);
        }

        return errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
    }

    private string Portal => options.Value.PortalUrl.TrimEnd('/');

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
