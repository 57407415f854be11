using System.Text.RegularExpressions;

namespace Platform.DataPlane.Schema.Inflection;

/// <summary>
/// English plurals and singulars by the rules of the npm package <c>pluralize</c>, which PostGraphile v4 uses, so
/// tables get the names they get there (<c>houses</c> → <c>House</c>, <c>data</c> → <c>Datum</c>). It works on
/// the whole name, as PostGraphile calls it: words the lists know only match whole, the suffix rules match the end.
/// Rules added later win; the matched text keeps its case (lower, UPPER or Title).
/// </summary>
internal static class Pluralizer
{
    private static readonly HashSet<string> Uncountable = new(StringComparer.Ordinal)
    {
        "adulthood", "advice", "agenda", "aid", "aircraft", "alcohol", "ammo", "analytics", "anime", "athletics", "audio",
        "bison", "blood", "bream", "buffalo", "butter", "carp", "cash", "chassis", "chess", "clothing", "cod", "commerce",
        "cooperation", "corps", "debris", "diabetes", "digestion", "elk", "energy", "equipment", "excretion", "expertise",
        "firmware", "flounder", "fun", "gallows", "garbage", "hardware", "headquarters", "health", "herpes", "highjinks",
        "homework", "housework", "information", "jeans", "justice", "kudos", "labour", "literature", "machinery", "mackerel",
        "mail", "media", "mews", "moose", "music", "mud", "manga", "news", "only", "personnel", "pike", "plankton", "pliers",
        "police", "pollution", "premises", "rain", "research", "rice", "salmon", "scissors", "series", "sewage", "shambles",
        "shrimp", "software", "staff", "swine", "tennis", "traffic", "transportation", "trout", "tuna", "wealth", "welfare",
        "whiting", "wildebeest", "wildlife", "you",
    };

    // Uncountable patterns: they map a word to itself in both directions, after every other rule (so they win).
    private static readonly string[] UncountablePatterns =
        ["pok[eé]mon$", "[^aeiou]ese$", "deer$", "fish$", "measles$", "o[iu]s$", "pox$", "sheep$"];

    private static readonly (string Single, string Plural)[] Irregular =
    [
        ("i", "we"), ("me", "us"), ("he", "they"), ("she", "they"), ("them", "them"), ("myself", "ourselves"),
        ("yourself", "yourselves"), ("itself", "themselves"), ("herself", "themselves"), ("himself", "themselves"),
        ("themself", "themselves"), ("is", "are"), ("was", "were"), ("has", "have"), ("this", "these"), ("that", "those"),
        ("echo", "echoes"), ("dingo", "dingoes"), ("graffito", "graffiti"), ("volcano", "volcanoes"), ("tornado", "tornadoes"),
        ("torpedo", "torpedoes"), ("genus", "genera"), ("viscus", "viscera"), ("stigma", "stigmata"), ("stoma", "stomata"),
        ("dogma", "dogmata"), ("lemma", "lemmata"), ("schema", "schemata"), ("anathema", "anathemata"), ("ox", "oxen"),
        ("axe", "axes"), ("die", "dice"), ("yes", "yeses"), ("foot", "feet"), ("eave", "eaves"), ("goose", "geese"),
        ("tooth", "teeth"), ("quiz", "quizzes"), ("human", "humans"), ("proof", "proofs"), ("carve", "carves"),
        ("valve", "valves"), ("looey", "looies"), ("thief", "thieves"), ("groove", "grooves"), ("pickaxe", "pickaxes"),
        ("passerby", "passersby"),
    ];

    private static readonly Dictionary<string, string> PluralOf = Irregular.GroupBy(p => p.Single).ToDictionary(g => g.Key, g => g.Last().Plural);
    private static readonly Dictionary<string, string> SingularOf = Irregular.GroupBy(p => p.Plural).ToDictionary(g => g.Key, g => g.Last().Single);

    private static readonly (Regex Rule, string Replacement)[] PluralRules = Rules(
    [
        ("s?$", "s"),
        ("[^\u0000-\u007F]$", "$0"),
        ("([^aeiou]ese)$", "$1"),
        ("(ax|test)is$", "$1es"),
        ("(alias|[^aou]us|t[lm]as|gas|ris)$", "$1es"),
        ("(e[mn]u)s?$", "$1s"),
        ("([^l]ias|[aeiou]las|[ejzr]as|[iu]am)$", "$1"),
        ("(alumn|syllab|vir|radi|nucle|fung|cact|stimul|termin|bacill|foc|uter|loc|strat)(?:us|i)$", "$1i"),
        ("(alumn|alg|vertebr)(?:a|ae)$", "$1ae"),
        ("(seraph|cherub)(?:im)?$", "$1im"),
        ("(her|at|gr)o$", "$1oes"),
        ("(agend|addend|millenni|dat|extrem|bacteri|desiderat|strat|candelabr|errat|ov|symposi|curricul|automat|quor)(?:a|um)$", "$1a"),
        ("(apheli|hyperbat|periheli|asyndet|noumen|phenomen|criteri|organ|prolegomen|hedr|automat)(?:a|on)$", "$1a"),
        ("sis$", "ses"),
        ("(?:(kni|wi|li)fe|(ar|l|ea|eo|oa|hoo)f)$", "$1$2ves"),
        ("([^aeiouy]|qu)y$", "$1ies"),
        ("([^ch][ieo][ln])ey$", "$1ies"),
        ("(x|ch|ss|sh|zz)$", "$1es"),
        ("(matr|cod|mur|sil|vert|ind|append)(?:ix|ex)$", "$1ices"),
        ("\\b((?:tit)?m|l)(?:ice|ouse)$", "$1ice"),
        ("(pe)(?:rson|ople)$", "$1ople"),
        ("(child)(?:ren)?$", "$1ren"),
        ("eaux$", "$0"),
        ("m[ae]n$", "men"),
        ("^thou$", "you"),
    ]);

    private static readonly (Regex Rule, string Replacement)[] SingularRules = Rules(
    [
        ("s$", ""),
        ("(ss)$", "$1"),
        ("(wi|kni|(?:after|half|high|low|mid|non|night|[^\\w]|^)li)ves$", "$1fe"),
        ("(ar|(?:wo|[ae])l|[eo][ao])ves$", "$1f"),
        ("ies$", "y"),
        ("(dg|ss|ois|lk|ok|wn|mb|th|ch|ec|oal|is|ck|ix|sser|ts|wb)ies$", "$1ie"),
        ("\\b(l|(?:neck|cross|hog|aun)?t|coll|faer|food|gen|goon|group|hipp|junk|vegg|(?:pork)?p|charl|calor|cut)ies$", "$1ie"),
        ("\\b(mon|smil)ies$", "$1ey"),
        ("\\b((?:tit)?m|l)ice$", "$1ouse"),
        ("(seraph|cherub)im$", "$1"),
        ("(x|ch|ss|sh|zz|tto|go|cho|alias|[^aou]us|t[lm]as|gas|(?:her|at|gr)o|[aeiou]ris)(?:es)?$", "$1"),
        ("(analy|diagno|parenthe|progno|synop|the|empha|cri|ne)(?:sis|ses)$", "$1sis"),
        ("(movie|twelve|abuse|e[mn]u)s$", "$1"),
        ("(test)(?:is|es)$", "$1is"),
        ("(alumn|syllab|vir|radi|nucle|fung|cact|stimul|termin|bacill|foc|uter|loc|strat)(?:us|i)$", "$1us"),
        ("(agend|addend|millenni|dat|extrem|bacteri|desiderat|strat|candelabr|errat|ov|symposi|curricul|quor)a$", "$1um"),
        ("(apheli|hyperbat|periheli|asyndet|noumen|phenomen|criteri|organ|prolegomen|hedr|automat)a$", "$1on"),
        ("(alumn|alg|vertebr)ae$", "$1a"),
        ("(cod|mur|sil|vert|ind)ices$", "$1ex"),
        ("(matr|append)ices$", "$1ix"),
        ("(pe)(rson|ople)$", "$1rson"),
        ("(child)ren$", "$1"),
        ("(eau)x?$", "$1"),
        ("men$", "man"),
    ]);

    public static string Plural(string word) => Convert(word, SingularOf, PluralOf, PluralRules);

    public static string Singular(string word) => Convert(word, PluralOf, SingularOf, SingularRules);

    private static string Convert(string word, Dictionary<string, string> keep, Dictionary<string, string> replace, (Regex Rule, string Replacement)[] rules)
    {
        var token = word.ToLowerInvariant();
        if (keep.ContainsKey(token))
        {
            return RestoreCase(word, token);
        }

        if (replace.TryGetValue(token, out var replacement))
        {
            return RestoreCase(word, replacement);
        }

        if (token.Length == 0 || Uncountable.Contains(token))
        {
            return word;
        }

        for (var i = rules.Length - 1; i >= 0; i--)
        {
            var (rule, with) = rules[i];
            var match = rule.Match(word);
            if (match.Success)
            {
                var result = Interpolate(with, match);
                var cased = match.Length == 0
                    ? RestoreCase(match.Index > 0 ? word[match.Index - 1].ToString() : "", result)
                    : RestoreCase(match.Value, result);
                return word[..match.Index] + cased + word[(match.Index + match.Length)..];
            }
        }

        return word;
    }

    private static (Regex, string)[] Rules((string Pattern, string Replacement)[] rules) =>
        rules.Select(r => (new Regex(r.Pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), r.Replacement))
            .Concat(UncountablePatterns.Select(p => (new Regex(p, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), "$0")))
            .ToArray();

    /// <summary><c>$0</c>..<c>$99</c> from the match's groups; a group that did not take part gives nothing.</summary>
    private static string Interpolate(string replacement, Match match) =>
        Regex.Replace(replacement, "\\$(\\d{1,2})", m =>
        {
            var index = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            return index < match.Groups.Count && match.Groups[index].Success ? match.Groups[index].Value : "";
        });

    private static string RestoreCase(string word, string token)
    {
        if (word == token)
        {
            return token;
        }

        if (string.Equals(word, word.ToLowerInvariant(), StringComparison.Ordinal))
        {
            return token.ToLowerInvariant();
        }

        if (string.Equals(word, word.ToUpperInvariant(), StringComparison.Ordinal))
        {
            return token.ToUpperInvariant();
        }

        if (word.Length > 0 && char.ToUpperInvariant(word[0]) == word[0])
        {
            return token.Length == 0 ? token : char.ToUpperInvariant(token[0]) + token[1..].ToLowerInvariant();
        }

        return token.ToLowerInvariant();
    }
}
