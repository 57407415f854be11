namespace Platform.DataPlane.Schema.Inflection;

public static partial class Inflector
{
    private static readonly HashSet<string> Uncountable = new(StringComparer.OrdinalIgnoreCase)
    {
        "data", "information", "equipment", "news", "series", "species", "sheep", "fish", "deer", "metadata", "media", "feedback", "staff",
    };

    private static readonly (string Singular, string Plural)[] Irregular =
    [
        ("person", "people"), ("man", "men"), ("woman", "women"), ("child", "children"), ("tooth", "teeth"),
        ("foot", "feet"), ("mouse", "mice"), ("goose", "geese"), ("ox", "oxen"), ("index", "indices"),
        ("matrix", "matrices"), ("vertex", "vertices"), ("criterion", "criteria"), ("datum", "data"),
    ];

    /// <summary>
    /// A table's singular name, from which its type and fields derive. As in PostGraphile v4, one ending in
    /// <c>input</c> or <c>patch</c> gets <c>_record</c>, so table <c>reserved_input</c> is type
    /// <c>ReservedInputRecord</c> rather than the input type of table <c>reserved</c>.
    /// </summary>
    public static string SingularTableName(string name)
    {
        var singular = Singularize(name);
        return InputOrPatchEnding().IsMatch(singular) ? singular + "_record" : singular;
    }

    [System.Text.RegularExpressions.GeneratedRegex(".(?:(?:[_-]i|I)nput|(?:[_-]p|P)atch)$")]
    private static partial System.Text.RegularExpressions.Regex InputOrPatchEnding();

    /// <summary>Plural of the last word of a name, keeping the rest (<c>order_item</c> → <c>order_items</c>).</summary>
    public static string Pluralize(string name) => MapLastWord(name, PluralWord);

    /// <summary>Singular of the last word of a name (<c>people</c> → <c>person</c>).</summary>
    public static string Singularize(string name) => MapLastWord(name, SingularWord);

    private static string MapLastWord(string name, Func<string, string> map)
    {
        var end = name.Length;
        var start = end;
        while (start > 0 && char.IsLetter(name[start - 1]) && !(start < end && char.IsUpper(name[start]) && char.IsLower(name[start - 1])))
        {
            start--;
        }

        if (start == end)
        {
            return name;
        }

        var word = name[start..end];
        var mapped = map(word.ToLowerInvariant());
        if (char.IsUpper(word[0]))
        {
            mapped = char.ToUpperInvariant(mapped[0]) + mapped[1..];
        }

        return name[..start] + mapped;
    }

    private static string PluralWord(string w)
    {
        if (Uncountable.Contains(w))
        {
            return w;
        }

        foreach (var (s, p) in Irregular)
        {
            if (w == s || w == p)
            {
                return p;
            }
        }

        if (w.EndsWith("ies", StringComparison.Ordinal) || (w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && !w.EndsWith("us", StringComparison.Ordinal) && !w.EndsWith("is", StringComparison.Ordinal)))
        {
            // Already plural.
            return w;
        }

        if (w.EndsWith('y') && w.Length > 1 && !"aeiou".Contains(w[^2], StringComparison.Ordinal))
        {
            return w[..^1] + "ies";
        }

        if (w.EndsWith("is", StringComparison.Ordinal))
        {
            return w[..^2] + "es";
        }

        if (w.EndsWith('s') || w.EndsWith('x') || w.EndsWith('z') || w.EndsWith("ch", StringComparison.Ordinal) || w.EndsWith("sh", StringComparison.Ordinal))
        {
            return w + "es";
        }

        return w + "s";
    }

    private static string SingularWord(string w)
    {
        if (Uncountable.Contains(w))
        {
            return w;
        }

        foreach (var (s, p) in Irregular)
        {
            if (w == p || w == s)
            {
                return s;
            }
        }

        if (w.EndsWith("ies", StringComparison.Ordinal) && w.Length > 3)
        {
            return w[..^3] + "y";
        }

        if (w.EndsWith("sses", StringComparison.Ordinal) || w.EndsWith("xes", StringComparison.Ordinal) || w.EndsWith("zes", StringComparison.Ordinal)
            || w.EndsWith("ches", StringComparison.Ordinal) || w.EndsWith("shes", StringComparison.Ordinal) || w.EndsWith("uses", StringComparison.Ordinal))
        {
            return w[..^2];
        }

        if (w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && !w.EndsWith("us", StringComparison.Ordinal) && !w.EndsWith("is", StringComparison.Ordinal))
        {
            return w[..^1];
        }

        return w;
    }
}
