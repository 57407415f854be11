namespace Platform.DataPlane.Schema.Building;

/// <summary>The schema and name of the configured JWT composite type, parsed from <c>schema.type</c> or <c>"Schema"."Type"</c>.</summary>
internal sealed record JwtTokenIdentifier(string Schema, string Name)
{
    public static JwtTokenIdentifier? Parse(string? identifier)
    {
        if (string.IsNullOrWhiteSpace(identifier))
        {
            return null;
        }

        var parts = Split(identifier.Trim());
        return parts is [var schema, var name]
            ? new JwtTokenIdentifier(schema, name)
            : throw new SchemaBuildException($"jwt.tokenType '{identifier}' must be 'schema.type' (each part may be double-quoted).");
    }

    /// <summary>Splits on dots outside double quotes; quoted parts keep their case and may contain dots ("" is a quote).</summary>
    private static List<string> Split(string text)
    {
        var parts = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                if (quoted && i + 1 < text.Length && text[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else
                {
                    quoted = !quoted;
                }
            }
            else if (c == '.' && !quoted)
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else
            {
                // Unquoted identifiers fold to lower case, as PostgreSQL reads them.
                current.Append(quoted ? c : char.ToLowerInvariant(c));
            }
        }

        parts.Add(current.ToString());
        return parts.Any(p => p.Length == 0) ? [] : parts;
    }
}
