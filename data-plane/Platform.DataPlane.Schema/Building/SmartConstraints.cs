using System.Text.RegularExpressions;
using Platform.DataPlane.Introspection.Model;

namespace Platform.DataPlane.Schema.Building;

/// <summary>
/// Constraints declared in smart comments, as PostGraphile v4 reads them on tables and views: <c>@primaryKey a,b</c>,
/// <c>@unique a,b</c> (one per line) and <c>@foreignKey (a, b) references [schema.]other (x, y)</c>, optionally
/// followed by <c>|@fieldName name|@foreignFieldName name</c>. They are added to the snapshot as constraints with
/// negative oids, so the rest of the builder treats them like the catalog's own.
/// </summary>
internal static partial class SmartConstraints
{
    public static CatalogSnapshot Apply(CatalogSnapshot snapshot, List<Model.SchemaWarning> warnings)
    {
        var added = new List<PgConstraint>();
        long next = -1;
        foreach (var pgClass in snapshot.Classes.Where(c => !c.IsCompositeType && c.Comment is { } text && text.Contains('@', StringComparison.Ordinal)))
        {
            var comment = SmartComment.Parse(pgClass.Comment);
            foreach (var (tag, kind) in new[] { ("primaryKey", "p"), ("unique", "u") })
            {
                foreach (var value in comment.Values(tag))
                {
                    if (Columns(pgClass, value) is { } keys)
                    {
                        added.Add(new PgConstraint(next--, $"{pgClass.Name}_{tag}_smart", pgClass.Oid, kind, keys, null, null, null));
                    }
                    else
                    {
                        warnings.Add(new Model.SchemaWarning("SMART_TAG_IGNORED", $"@{tag} {value} on {pgClass.Schema}.{pgClass.Name} names a column it does not have."));
                    }
                }
            }

            foreach (var value in comment.Values("foreignKey"))
            {
                var parts = value.Split('|');
                var match = ForeignKey().Match(parts[0].Trim());
                var target = match.Success ? Target(snapshot, pgClass, match.Groups["schema"].Value, match.Groups["table"].Value) : null;
                var keys = match.Success ? Columns(pgClass, match.Groups["keys"].Value) : null;
                var targetKeys = target is null ? null
                    : match.Groups["targetKeys"].Success ? Columns(target, match.Groups["targetKeys"].Value) : PrimaryKey(snapshot, target);
                if (keys is null || targetKeys is null || keys.Count != targetKeys.Count)
                {
                    warnings.Add(new Model.SchemaWarning("SMART_TAG_IGNORED", $"@foreignKey {value} on {pgClass.Schema}.{pgClass.Name} does not name columns of an exposed table or view."));
                    continue;
                }

                // The '|@tag value' parts are the constraint's own smart comment (fieldName, foreignFieldName...).
                var own = string.Join('\n', parts.Skip(1).Select(p => p.Trim()).Where(p => p.StartsWith('@')));
                added.Add(new PgConstraint(next--, $"{pgClass.Name}_foreignKey_smart", pgClass.Oid, "f", keys, target!.Oid, targetKeys, own.Length == 0 ? null : own));
            }
        }

        return added.Count == 0 ? snapshot : snapshot with { Constraints = [.. snapshot.Constraints, .. added] };
    }

    private static List<int>? Columns(PgClass pgClass, string names)
    {
        var result = new List<int>();
        foreach (var name in names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var column = pgClass.Columns.FirstOrDefault(c => c.Name == name.Trim('"'));
            if (column is null)
            {
                return null;
            }

            result.Add(column.Num);
        }

        return result.Count == 0 ? null : result;
    }

    private static PgClass? Target(CatalogSnapshot snapshot, PgClass from, string schema, string table) =>
        snapshot.Classes.FirstOrDefault(c => !c.IsCompositeType && c.Name == table.Trim('"') && c.Schema == (schema.Length > 0 ? schema.Trim('"') : from.Schema));

    private static IReadOnlyList<int>? PrimaryKey(CatalogSnapshot snapshot, PgClass target) =>
        snapshot.Constraints.FirstOrDefault(k => k.ClassOid == target.Oid && k.Kind == "p")?.Keys;

    [GeneratedRegex("""^\((?<keys>[^)]*)\)\s*references\s+(?:(?<schema>"[^"]+"|[^\s.(]+)\.)?(?<table>"[^"]+"|[^\s(]+)\s*(?:\((?<targetKeys>[^)]*)\))?$""", RegexOptions.IgnoreCase)]
    private static partial Regex ForeignKey();
}
