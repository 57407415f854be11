using System.Text.Encodings.Web;

namespace Platform.ControlPlane.Pages;

/// <summary>The few server-rendered pages' frame: plain HTML, no script, every value encoded.</summary>
public static class Html
{
    public static string E(string? value) => HtmlEncoder.Default.Encode(value ?? "");

    public static IResult Page(string title, string body, int status = 200) => Results.Content($$"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{E(title)}} · Platform</title>
        <style>
        body{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}
        label{display:block;margin-top:1rem;font-weight:600}
        input[type=email],input[type=password],input[type=text]{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box;border:1px solid #555;border-radius:4px}
        button{margin-top:1.5rem;padding:.6rem 1.2rem;font-size:1rem;background:#1d4ed8;color:#fff;border:0;border-radius:4px}
        :focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
        .error{color:#b91c1c;border:1px solid #b91c1c;padding:.5rem;border-radius:4px}
        a{color:#1d4ed8}
        </style>
        </head>
        <body>
        <main>
        <h1>{{E(title)}}</h1>
        {{body}}
        </main>
        </body>
        </html>
        """, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);

    public static string Error(string? message) =>
        message is null ? "" : $"""<p class="error" role="alert" id="form-error">{E(message)}</p>""";
}
