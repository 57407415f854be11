using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Platform.EndToEnd.Tests.ControlPlane;

/// <summary>
/// What a client of the control plane does over HTTP: sign up, sign in through the authorization code + PKCE flow by
/// driving the HTML sign-in form (cookies, antiforgery field, redirects followed by hand), and call /api with a token.
/// </summary>
public sealed partial class ControlPlaneApi(string baseUrl)
{
    private static readonly HttpClient Plain = new() { Timeout = TimeSpan.FromSeconds(60) };

    public string BaseUrl { get; } = baseUrl;

    public async Task<(int Status, JsonElement Body, HttpResponseMessage Response)> SendAsync(
        HttpMethod method, string path, string? token, object? body = null, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, BaseUrl + path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        configure?.Invoke(request);
        var response = await Plain.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonElement json = default;
        if (text.Length > 0 && (text[0] == '{' || text[0] == '['))
        {
            json = JsonDocument.Parse(text).RootElement.Clone();
        }

        return ((int)response.StatusCode, json, response);
    }

    public Task<(int Status, JsonElement Body, HttpResponseMessage Response)> GetAsync(string path, string? token) => SendAsync(HttpMethod.Get, path, token);

    public Task<(int Status, JsonElement Body, HttpResponseMessage Response)> PostAsync(string path, string? token, object? body = null) => SendAsync(HttpMethod.Post, path, token, body ?? new { });

    /// <summary>Sign-up through the API; returns the personal team's id.</summary>
    public async Task<Guid> SignUpAsync(string email, string password)
    {
        var (status, body, _) = await PostAsync("/api/account/signup", null, new { email, password });
        return status == 201 ? body.GetProperty("personalTeamId").GetGuid() : throw new InvalidOperationException($"sign-up answered {status}: {body}");
    }

    /// <summary>
    /// The whole authorization code + PKCE flow of the public client platform-cli with a loopback redirect: the
    /// authorize request sends the browser to the sign-in form, the form is posted with its antiforgery field, the
    /// authorize request then redirects to the loopback URI with a code, which is exchanged for tokens.
    /// </summary>
    public async Task<JsonElement> SignInAsync(string email, string password)
    {
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var redirect = $"http://127.0.0.1:{Random.Shared.Next(40000, 50000)}/callback";
        var authorize = $"{BaseUrl}/connect/authorize?client_id=platform-cli&response_type=code&scope={Uri.EscapeDataString("openid email profile offline_access api")}"
            + $"&redirect_uri={Uri.EscapeDataString(redirect)}&code_challenge={challenge}&code_challenge_method=S256&state=s1";

        using var first = await browser.GetAsync(authorize);
        if (first.StatusCode != HttpStatusCode.Redirect || first.Headers.Location is not { } login)
        {
            throw new InvalidOperationException($"authorize answered {(int)first.StatusCode}, not a redirect to the sign-in form");
        }

        var form = await browser.GetStringAsync(new Uri(new Uri(BaseUrl), login));
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Field(form, "__RequestVerificationToken"),
            ["ReturnUrl"] = WebUtility.HtmlDecode(Field(form, "ReturnUrl")),
            ["Email"] = email,
            ["Password"] = password,
        };
        using var posted = await browser.PostAsync(BaseUrl + "/account/login", new FormUrlEncodedContent(fields));
        if (posted.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"the sign-in form answered {(int)posted.StatusCode}: {await posted.Content.ReadAsStringAsync()}");
        }

        using var again = await browser.GetAsync(new Uri(new Uri(BaseUrl), posted.Headers.Location!));
        var callback = again.Headers.Location?.ToString() ?? throw new InvalidOperationException($"authorize answered {(int)again.StatusCode} after sign-in");
        if (!callback.StartsWith(redirect + "?", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("authorize redirected elsewhere: " + callback);
        }

        var code = Uri.UnescapeDataString(CodeParameter().Match(callback).Groups[1].Value);
        using var exchange = await Plain.PostAsync(BaseUrl + "/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = "platform-cli",
            ["code"] = code,
            ["redirect_uri"] = redirect,
            ["code_verifier"] = verifier,
        }));
        var tokens = JsonDocument.Parse(await exchange.Content.ReadAsStringAsync()).RootElement.Clone();
        return exchange.IsSuccessStatusCode ? tokens : throw new InvalidOperationException("token exchange failed: " + tokens);
    }

    public async Task<string> SignUpAndSignInAsync(string email, string password = "correct horse battery staple")
    {
        await SignUpAsync(email, password);
        return (await SignInAsync(email, password)).GetProperty("access_token").GetString()!;
    }

    private static string Field(string html, string name)
    {
        var m = Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"");
        return m.Success ? m.Groups[1].Value : throw new InvalidOperationException($"the sign-in form has no {name} field");
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("[?&]code=([^&]+)")]
    private static partial Regex CodeParameter();
}
