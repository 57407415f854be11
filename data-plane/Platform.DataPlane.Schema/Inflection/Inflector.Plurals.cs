namespace Platform.DataPlane.Schema.Inflection;

public static partial class Inflector
{
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

    /// <summary>Plural of a name as PostGraphile v4 makes it (<c>order_item</c> → <c>order_items</c>), see <see cref="Pluralizer"/>.</summary>
    public static string Pluralize(string name) => Pluralizer.Plural(name);

    /// <summary>Singular of a name (<c>people</c> → <c>person</c>, <c>houses</c> → <c>house</c>).</summary>
    public static string Singularize(string name) => Pluralizer.Singular(name);
}
