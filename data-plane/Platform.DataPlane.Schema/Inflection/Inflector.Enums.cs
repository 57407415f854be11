using System.Text;
using System.Text.RegularExpressions;

namespace Platform.DataPlane.Schema.Inflection;

public static partial class Inflector
{
    // PostGraphile v4 names a label made of one known symbol (or operator) after it; any other label is constant-cased.
    private static readonly Dictionary<string, string> SymbolNames = new(StringComparer.Ordinal)
    {
        [">"] = "GREATER_THAN", [">="] = "GREATER_THAN_OR_EQUAL", ["="] = "EQUAL", ["!="] = "NOT_EQUAL", ["<>"] = "DIFFERENT",
        ["<="] = "LESS_THAN_OR_EQUAL", ["<"] = "LESS_THAN",
        ["~~"] = "LIKE", ["~~*"] = "ILIKE", ["!~~"] = "NOT_LIKE", ["!~~*"] = "NOT_ILIKE",
        ["~"] = "TILDE", ["~*"] = "TILDE_ASTERISK", ["!~"] = "NOT_TILDE", ["!~*"] = "NOT_TILDE_ASTERISK",
        ["%"] = "PERCENT", ["+"] = "PLUS", ["-"] = "MINUS", ["/"] = "SLASH", ["\\"] = "BACKSLASH", ["_"] = "UNDERSCORE",
        ["#"] = "POUND", ["£"] = "STERLING", ["$"] = "DOLLAR", ["&"] = "AMPERSAND", ["@"] = "AT", ["'"] = "APOSTROPHE",
        ["\""] = "QUOTE", ["`"] = "BACKTICK", [":"] = "COLON", [";"] = "SEMICOLON", ["!"] = "EXCLAMATION_POINT",
        ["?"] = "QUESTION_MARK", [","] = "COMMA", ["."] = "DOT", ["^"] = "CARET", ["|"] = "BAR", ["["] = "OPEN_BRACKET",
        ["]"] = "CLOSE_BRACKET", ["("] = "OPEN_PARENTHESIS", [")"] = "CLOSE_PARENTHESIS", ["{"] = "OPEN_BRACE", ["}"] = "CLOSE_BRACE",
    };

    /// <summary>
    /// An enum label's GraphQL value name as PostGraphile v4 gives it: <c>''</c> is <c>_EMPTY_</c>; asterisks become
    /// <c>ASTERISK</c> words (<c>*</c>, <c>**</c>, <c>a*</c> → <c>ASTERISK</c>, <c>ASTERISK_ASTERISK</c>, <c>A_ASTERISK</c>);
    /// a label that is one known symbol is named after it (<c>&gt;=</c> → <c>GREATER_THAN_OR_EQUAL</c>, <c>$</c> →
    /// <c>DOLLAR</c>); then constant case, keeping leading and trailing underscores, with a digit first prefixed by one.
    /// </summary>
    public static string EnumValueName(string label)
    {
        if (label.Length == 0)
        {
            return "_EMPTY_";
        }

        var value = label.Replace("*", "_ASTERISK_", StringComparison.Ordinal);
        value = LeadingAsterisk().Replace(value, "$1ASTERISK", 1);
        value = TrailingAsterisk().Replace(value, "ASTERISK$1", 1);
        if (SymbolNames.TryGetValue(value, out var symbol))
        {
            value = symbol;
        }

        return InsideUnderscores(value, ConstantCaseAll);
    }

    /// <summary>graphile-build's constant case of the part between leading and trailing underscores.</summary>
    private static string ConstantCaseAll(string s)
    {
        var sb = new StringBuilder(s.Length + 8);
        var inRun = false;
        foreach (var c in s)
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_')
            {
                sb.Append(c);
                inRun = false;
            }
            else if (c is >= 'A' and <= 'Z')
            {
                // Each run of capitals starts a word.
                if (!inRun)
                {
                    sb.Append('_');
                }

                sb.Append(c);
                inRun = true;
            }
            else
            {
                sb.Append('_');
                inRun = false;
            }
        }

        var result = MultipleUnderscores().Replace(sb.ToString(), "_");
        result = result.TrimStart('_');
        if (result.Length > 0 && char.IsAsciiDigit(result[0]))
        {
            result = "_" + result;
        }

        return result.ToUpperInvariant();
    }

    private static string InsideUnderscores(string s, Func<string, string> format)
    {
        var start = 0;
        while (start < s.Length && s[start] == '_')
        {
            start++;
        }

        var end = s.Length;
        while (end > start && s[end - 1] == '_')
        {
            end--;
        }

        return s[..start] + format(s[start..end]) + s[end..];
    }

    [GeneratedRegex("^(_?)_+ASTERISK")]
    private static partial Regex LeadingAsterisk();

    [GeneratedRegex("ASTERISK_(_?)_*$")]
    private static partial Regex TrailingAsterisk();

    [GeneratedRegex("__+")]
    private static partial Regex MultipleUnderscores();
}
