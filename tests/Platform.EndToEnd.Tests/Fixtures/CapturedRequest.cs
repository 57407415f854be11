using System.Text;

namespace Platform.EndToEnd.Tests.Fixtures;

/// <summary>One request as the gateway sent it to a silo; the <c>With*</c> copies are what an attacker would change before replaying it.</summary>
public sealed record CapturedRequest(string Method, string PathAndQuery, IReadOnlyList<(string Name, string Value)> Headers, byte[] Body, DateTimeOffset At)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public string Header(string name) => string.Join(",", Headers.Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value));

    public CapturedRequest WithBody(string body) => this with { Body = Encoding.UTF8.GetBytes(body) };

    public CapturedRequest WithPathAndQuery(string pathAndQuery) => this with { PathAndQuery = pathAndQuery };

    /// <summary>The header replaced (or added), or removed when <paramref name="value"/> is null.</summary>
    public CapturedRequest WithHeader(string name, string? value) => this with
    {
        Headers = [.. Headers.Where(h => !h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)), .. value is null ? Array.Empty<(string, string)>() : [(name, value)]],
    };

    public HttpRequestMessage ToMessage(string baseUrl)
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), baseUrl.TrimEnd('/') + PathAndQuery);
        if (Body.Length > 0 || Method == "POST")
        {
            message.Content = new ByteArrayContent(Body);
        }

        foreach (var (name, value) in Headers)
        {
            if (name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                if (message.Content is not null && !name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    message.Content.Headers.TryAddWithoutValidation(name, value);
                }

                continue;
            }

            message.Headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }
}
