using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Platform.ControlPlane.Identity;

namespace Platform.ControlPlane.Pages;

/// <summary>
/// The control plane's own sign-in and sign-up pages, where the authorization endpoint sends a browser without a
/// session. Plain HTML forms with an antiforgery field: they work without JavaScript, and every field has a label.
/// </summary>
public static class AccountPages
{
    public const string LoginPath = "/account/login";

    public static void Map(WebApplication app)
    {
        app.MapGet(LoginPath, (HttpContext http, IAntiforgery af, string? returnUrl) => LoginForm(http, af, returnUrl, null, null)).ExcludeFromDescription();
        app.MapPost(LoginPath, LoginAsync).ExcludeFromDescription();
        app.MapGet("/account/signup", (HttpContext http, IAntiforgery af, string? returnUrl) => SignupForm(http, af, returnUrl, null, null)).ExcludeFromDescription();
        app.MapPost("/account/signup", SignupAsync).ExcludeFromDescription();
        app.MapPost("/account/logout", LogoutAsync).ExcludeFromDescription();
    }

    private static IResult LoginForm(HttpContext http, IAntiforgery af, string? returnUrl, string? email, string? error, int status = 200)
    {
        var tokens = af.GetAndStoreTokens(http);
        var ret = SafeReturnUrl(returnUrl);
        return Html.Page("Sign in", $"""
            {Html.Error(error)}
            <form method="post" action="{LoginPath}">
            <input type="hidden" name="{Html.E(tokens.FormFieldName)}" value="{Html.E(tokens.RequestToken)}">
            <input type="hidden" name="ReturnUrl" value="{Html.E(ret)}">
            <label for="Email">Email</label>
            <input id="Email" name="Email" type="email" autocomplete="username" required value="{Html.E(email)}"{(error is null ? "" : " aria-describedby=\"form-error\"")}>
            <label for="Password">Password</label>
            <input id="Password" name="Password" type="password" autocomplete="current-password" required>
            <button type="submit">Sign in</button>
            </form>
            <p>No account yet? <a href="/account/signup?returnUrl={Uri.EscapeDataString(ret)}">Create one</a>.</p>
            """, status);
    }

    private static async Task<IResult> LoginAsync(HttpContext http, IAntiforgery af, SignInManager<PlatformUser> signIn, UserManager<PlatformUser> users)
    {
        if (!await af.IsRequestValidAsync(http))
        {
            return LoginForm(http, af, null, null, "The form expired. Please sign in again.", 400);
        }

        var form = await http.Request.ReadFormAsync();
        var email = form["Email"].ToString().Trim();
        var password = form["Password"].ToString();
        var returnUrl = SafeReturnUrl(form["ReturnUrl"]);
        if (email.Length == 0 || password.Length == 0)
        {
            return LoginForm(http, af, returnUrl, email, "Enter your email and password.");
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            return LoginForm(http, af, returnUrl, email, "The email or password is wrong.");
        }

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return Results.LocalRedirect(returnUrl);
        }

        var message = result.IsLockedOut ? "Too many failed attempts: the account is locked for a few minutes."
            : result.IsNotAllowed ? "Confirm your email address first; the link is in the message we sent."
            : "The email or password is wrong.";
        return LoginForm(http, af, returnUrl, email, message);
    }

    private static IResult SignupForm(HttpContext http, IAntiforgery af, string? returnUrl, string? email, string? error, int status = 200)
    {
        var tokens = af.GetAndStoreTokens(http);
        var ret = SafeReturnUrl(returnUrl);
        return Html.Page("Create an account", $"""
            {Html.Error(error)}
            <form method="post" action="/account/signup">
            <input type="hidden" name="{Html.E(tokens.FormFieldName)}" value="{Html.E(tokens.RequestToken)}">
            <input type="hidden" name="ReturnUrl" value="{Html.E(ret)}">
            <label for="Email">Email</label>
            <input id="Email" name="Email" type="email" autocomplete="username" required value="{Html.E(email)}">
            <label for="Password">Password (at least 10 characters)</label>
            <input id="Password" name="Password" type="password" autocomplete="new-password" required minlength="10">
            <label for="ConfirmPassword">Confirm password</label>
            <input id="ConfirmPassword" name="ConfirmPassword" type="password" autocomplete="new-password" required minlength="10">
            <button type="submit">Create account</button>
            </form>
            <p>Have an account? <a href="{LoginPath}?returnUrl={Uri.EscapeDataString(ret)}">Sign in</a>.</p>
            """, status);
    }

    private static async Task<IResult> SignupAsync(HttpContext http, IAntiforgery af, AccountService accounts, SignInManager<PlatformUser> signIn)
    {
        if (!await af.IsRequestValidAsync(http))
        {
            return SignupForm(http, af, null, null, "The form expired. Please try again.", 400);
        }

        var form = await http.Request.ReadFormAsync();
        var email = form["Email"].ToString().Trim();
        var returnUrl = SafeReturnUrl(form["ReturnUrl"]);
        if (form["Password"].ToString() != form["ConfirmPassword"].ToString())
        {
            return SignupForm(http, af, returnUrl, email, "The two passwords differ.");
        }

        var outcome = await accounts.SignUpAsync(email, form["Password"].ToString(), null, http.RequestAborted);
        if (outcome.Errors is { } errors)
        {
            return SignupForm(http, af, returnUrl, email, string.Join(" ", errors.Values.SelectMany(v => v)));
        }

        await signIn.SignInAsync(outcome.User!, isPersistent: false);
        return Results.LocalRedirect(returnUrl);
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, IAntiforgery af, SignInManager<PlatformUser> signIn)
    {
        if (!await af.IsRequestValidAsync(http))
        {
            return Html.Page("Sign out", Html.Error("The form expired."), 400);
        }

        await signIn.SignOutAsync();
        return Results.LocalRedirect(LoginPath);
    }

    /// <summary>Only paths on this host: an absolute return URL would make the form an open redirect.</summary>
    private static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } r && r.StartsWith('/') && !r.StartsWith("//", StringComparison.Ordinal) && !r.StartsWith("/\\", StringComparison.Ordinal) ? r : "/";
}
