using System.Text;

namespace Platform.DataPlane.Schema.Inflection;

/// <summary>
/// PostGraphile v4's default naming: camelCase fields, UpperCamelCase types, CONSTANT_CASE enum values,
/// English plural/singular forms for collections and row types.
/// </summary>
public static partial class Inflector
{
    /// <summary>Lowers every word, then capitalises all but the first: <c>created_at</c> and <c>CreatedAT</c> both give <c>createdAt</c>.</summary>
    public static string CamelCase(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var word in Words(name))
        {
            var lower = word.ToLowerInvariant();
            sb.Append(sb.Length == 0 ? lower : char.ToUpperInvariant(lower[0]) + lower[1..]);
        }

        return sb.ToString();
    }

    public static string PascalCase(string name)
    {
        var camel = CamelCase(name);
        return camel.Length == 0 ? camel : char.ToUpperInvariant(camel[0]) + camel[1..];
    }

    public static string ConstantCase(string name) => string.Join('_', Words(name).Select(w => w.ToUpperInvariant()));

    /// <summary>Splits on non-alphanumerics and on lower-to-upper case changes, keeping digits with the preceding word.</summary>
    public static List<string> Words(string name)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush();
                continue;
            }

            if (current.Length > 0 && char.IsUpper(c))
            {
                var prev = name[i - 1];
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (char.IsLower(prev) || char.IsDigit(prev) || (char.IsUpper(prev) && nextIsLower))
                {
                    Flush();
                }
            }

            current.Append(c);
        }

        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }
}
