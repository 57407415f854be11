using System.Text;

namespace Platform.Metadata.ConnectionStrings;

/// <summary>
/// Splits libpq's keyword/value form (<c>host=db port=5432 password='it''s \' ok'</c>): pairs separated by whitespace,
/// values optionally single-quoted with backslash escapes. Recognised by its shape (no semicolon, a first word
/// followed by '='), since Npgsql would otherwise read <c>host=db dbname=app</c> as one host named "db dbname=app".
/// </summary>
public static class LibpqKeywordValue
{
    public static bool Looks(string value)
    {
        if (value.Contains(';', StringComparison.Ordinal))
        {
            return false;
        }

        var eq = value.IndexOf('=', StringComparison.Ordinal);
        return eq > 0 && value[..eq].Trim().All(c => char.IsAsciiLetterLower(c) || c == '_') && value.Trim().Contains(' ', StringComparison.Ordinal);
    }

    public static IReadOnlyList<(string Name, string Value)> Parse(string text)
    {
        var pairs = new List<(string, string)>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i == text.Length)
            {
                return pairs;
            }

            var start = i;
            while (i < text.Length && text[i] != '=' && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var name = text[start..i];
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i == text.Length || text[i] != '=')
            {
                throw new ArgumentException($"Missing '=' after '{name}' in the connection string.");
            }

            i++;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            pairs.Add((name, ReadValue(text, ref i)));
        }
    }

    private static string ReadValue(string text, ref int i)
    {
        var value = new StringBuilder();
        var quoted = i < text.Length && text[i] == '\'';
        if (quoted)
        {
            i++;
        }

        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                i++;
                c = text[i];
            }
            else if (quoted ? c == '\'' : char.IsWhiteSpace(c))
            {
                break;
            }

            value.Append(c);
            i++;
        }

        if (quoted)
        {
            if (i == text.Length)
            {
                throw new ArgumentException("Unterminated quoted value in the connection string.");
            }

            i++;
        }

        return value.ToString();
    }
}
