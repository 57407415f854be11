using Microsoft.AspNetCore.Identity;
using Platform.ControlPlane.Identity;
using Platform.Metadata.Outbox;
using Platform.Metadata.Teams;
using Platform.Metadata.Tokens;

namespace Platform.ControlPlane.Api;

/// <summary>/api/account, /api/me, /api/tokens (personal access tokens) and, in Development, /api/dev/outbox.</summary>
public static class AccountEndpoints
{
    public static readonly TimeSpan DefaultTokenLifetime = TimeSpan.FromDays(90);
    public static readonly TimeSpan MaxTokenLifetime = TimeSpan.FromDays(366);

    public static void Map(RouteGroupBuilder api, IHostEnvironment environment)
    {
        var account = api.MapGroup("/account").WithTags("Account");
        account.MapPost("/signup", SignUpAsync);
        account.MapPost("/confirm-email", ConfirmEmailAsync);
        account.MapPost("/resend-confirmation", ResendAsync);
        account.MapPost("/password-reset", RequestResetAsync);
        account.MapPost("/password-reset/confirm", ResetAsync);
        account.MapPost("/password", ChangePasswordAsync);
        api.MapGet("/me", MeAsync).WithTags("Account");

        var tokens = api.MapGroup("/tokens").WithTags("Personal access tokens");
        tokens.MapGet("", ListTokensAsync);
        tokens.MapPost("", CreateTokenAsync);
        tokens.MapDelete("/{tokenId:guid}", RevokeTokenAsync);

        if (environment.IsDevelopment())
        {
            api.MapGet("/dev/outbox", OutboxAsync).WithTags("Development");
        }
    }

    private static async Task<IResult> SignUpAsync(HttpContext http, AccountService accounts)
    {
        var body = await http.Request.JsonBodyAsync();
        var email = body.RequiredString("email", 254);
        var password = body.RequiredString("password", 200);
        var outcome = await accounts.SignUpAsync(email, password, body.OptionalString("displayName", 100), http.RequestAborted);
        if (outcome.EmailTaken)
        {
            throw ApiException.Conflict("EMAIL_TAKEN", "An account with this email exists; sign in or reset the password.");
        }

        if (outcome.Errors is { } errors)
        {
            throw ApiException.Invalid(errors);
        }

        var user = outcome.User!;
        return Results.Created("/api/me", new
        {
            id = user.Id, email = user.Email, displayName = user.DisplayName, emailConfirmed = user.EmailConfirmed, personalTeamId = outcome.PersonalTeam!.Id,
        });
    }

    private static async Task<IResult> ConfirmEmailAsync(HttpContext http, AccountService accounts)
    {
        var body = await http.Request.JsonBodyAsync();
        return await accounts.ConfirmEmailAsync(body.ParseGuid("userId"), body.RequiredString("token", 2000))
            ? Results.NoContent()
            : throw new ApiException(400, "INVALID_TOKEN", "The confirmation link is invalid or expired.");
    }

    private static async Task<IResult> ResendAsync(HttpContext http, AccountService accounts, UserManager<PlatformUser> users)
    {
        var caller = await http.CallerAsync();
        var user = (await users.FindByIdAsync(caller.RequireUser().ToString()))!;
        if (!user.EmailConfirmed)
        {
            await accounts.SendConfirmationAsync(user, http.RequestAborted);
        }

        return Results.Accepted();
    }

    private static async Task<IResult> RequestResetAsync(HttpContext http, AccountService accounts)
    {
        var body = await http.Request.JsonBodyAsync();
        await accounts.RequestPasswordResetAsync(body.RequiredString("email", 254), http.RequestAborted);
        return Results.Accepted();
    }

    private static async Task<IResult> ResetAsync(HttpContext http, AccountService accounts)
    {
        var body = await http.Request.JsonBodyAsync();
        var errors = await accounts.ResetPasswordAsync(body.RequiredString("email", 254), body.RequiredString("token", 2000), body.RequiredString("newPassword", 200));
        if (errors is null)
        {
            return Results.NoContent();
        }

        if (errors.ContainsKey("token"))
        {
            throw new ApiException(400, "INVALID_TOKEN", "The reset link is invalid or expired.");
        }

        throw ApiException.Invalid(errors.ToDictionary(kv => kv.Key == "password" ? "newPassword" : kv.Key, kv => kv.Value));
    }

    private static async Task<IResult> ChangePasswordAsync(HttpContext http, UserManager<PlatformUser> users)
    {
        var caller = await http.CallerAsync();
        var body = await http.Request.JsonBodyAsync();
        var user = (await users.FindByIdAsync(caller.RequireUser().ToString()))!;
        var result = await users.ChangePasswordAsync(user, body.RequiredString("currentPassword", 200), body.RequiredString("newPassword", 200));
        if (result.Succeeded)
        {
            return Results.NoContent();
        }

        var errors = AccountService.ErrorsOf(result);
        throw ApiException.Invalid(errors.ToDictionary(kv => kv.Key == "password" ? "newPassword" : kv.Key == "account" ? "currentPassword" : kv.Key, kv => kv.Value));
    }

    private static async Task<IResult> MeAsync(HttpContext http, UserManager<PlatformUser> users, TeamStore teams)
    {
        var caller = await http.CallerAsync();
        var user = (await users.FindByIdAsync(caller.RequireUser().ToString()))!;
        var all = new List<object>();
        string? afterName = null;
        Guid? afterId = null;
        while (true)
        {
            var page = await teams.ListForUserAsync(user.Id, 200, afterName, afterId, http.RequestAborted);
            all.AddRange(page.Items.Select(Views.Team));
            if (page.NextCursor is null || page.Items.Count == 0)
            {
                break;
            }

            (afterName, afterId) = (page.Items[^1].Name, page.Items[^1].Id);
        }

        return Results.Ok(new { id = user.Id, email = user.Email, displayName = user.DisplayName, emailConfirmed = user.EmailConfirmed, teams = all });
    }

    private static async Task<IResult> ListTokensAsync(HttpContext http, PersonalAccessTokenStore tokens)
    {
        var user = (await http.CallerAsync()).RequireUser();
        var q = PageQuery.From(http.Request);
        var page = await tokens.ListAsync(user, q.Limit, q.AfterId, http.RequestAborted);
        return Results.Ok(new ListResponse<object>(page.Items.Select(Views.Token).ToList(), page.NextCursor));
    }

    private static async Task<IResult> CreateTokenAsync(HttpContext http, PersonalAccessTokenStore tokens)
    {
        var user = (await http.CallerAsync()).RequireUser();
        var body = await http.Request.JsonBodyAsync();
        var name = body.RequiredString("name", 100);
        var expires = body.OptionalTime("expiresAt") ?? DateTimeOffset.UtcNow + DefaultTokenLifetime;
        if (expires <= DateTimeOffset.UtcNow || expires > DateTimeOffset.UtcNow + MaxTokenLifetime)
        {
            throw ApiException.Invalid("expiresAt", "must be in the future and at most a year away");
        }

        var (record, token) = await tokens.CreateAsync(user, name, expires, http.RequestAborted);
        return Results.Created($"/api/tokens/{record.Id}", new
        {
            id = record.Id, name = record.Name, prefix = record.Prefix, createdAt = record.CreatedAt, expiresAt = record.ExpiresAt, token,
        });
    }

    private static async Task<IResult> RevokeTokenAsync(HttpContext http, PersonalAccessTokenStore tokens, Guid tokenId)
    {
        var user = (await http.CallerAsync()).RequireUser();
        return await tokens.RevokeAsync(user, tokenId, http.RequestAborted) ? Results.NoContent() : throw ApiException.NotFound("No such token.");
    }

    private static async Task<IResult> OutboxAsync(HttpContext http, OutboxStore outbox, string? to)
    {
        var q = PageQuery.From(http.Request);
        var page = await outbox.ListAsync(to, q.Limit, q.AfterId, http.RequestAborted);
        return Results.Ok(new ListResponse<object>(page.Items.Select(m => (object)new
        {
            id = m.Id, to = m.To, kind = m.Kind, subject = m.Subject, body = m.Body, link = m.Link, token = m.Token, createdAt = m.CreatedAt,
        }).ToList(), page.NextCursor));
    }
}
