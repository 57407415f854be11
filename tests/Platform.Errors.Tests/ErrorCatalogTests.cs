using System.Reflection;
using System.Text.RegularExpressions;
using Xunit;

namespace Platform.Errors.Tests;

/// <summary>docs/errors.md is the table people read; the catalog is what the code answers. They must not drift.</summary>
[Trait("Tier", "Fast")]
public sealed partial class ErrorCatalogTests
{
    [Fact]
    public void Every_code_constant_has_a_definition()
    {
        var constants = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.Equal(constants.Count, constants.Distinct().Count());
        Assert.All(constants, c => Assert.True(ErrorCatalog.Contains(c), c));
        Assert.Equal(constants.Order(), ErrorCatalog.All.Select(d => d.Code).Order());
    }

    [Fact]
    public void The_documented_table_matches_the_catalog()
    {
        var rows = DocumentedRows();

        Assert.Equal(ErrorCatalog.All.Select(d => d.Code).Order(), rows.Keys.Order());
        Assert.All(ErrorCatalog.All, d => Assert.Equal((d.Status, d.RetryAfterSeconds), rows[d.Code]));
    }

    [Fact]
    public void An_unknown_code_is_refused_and_a_known_one_takes_its_status()
    {
        Assert.Throws<ArgumentException>(() => new PlatformError("NOT_A_CODE", "x"));
        var error = new PlatformError(ErrorCodes.UpstreamTimeout, "late");
        Assert.Equal(504, error.Status);
        Assert.Null(error.RetryAfterSeconds);
    }

    private static Dictionary<string, (int, int?)> DocumentedRows()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docs", "errors.md")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        var rows = new Dictionary<string, (int, int?)>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(dir.FullName, "docs", "errors.md")))
        {
            if (Row().Match(line) is { Success: true } m)
            {
                rows.Add(m.Groups["code"].Value, (int.Parse(m.Groups["status"].Value, System.Globalization.CultureInfo.InvariantCulture),
                    m.Groups["retry"].Success ? int.Parse(m.Groups["retry"].Value, System.Globalization.CultureInfo.InvariantCulture) : null));
            }
        }

        return rows;
    }

    [GeneratedRegex(@"^\| `(?<code>[A-Z_]+)` \| (?<status>\d{3}) \| [A-Z ]+ \| (?:(?<retry>\d+) )?\|")]
    private static partial Regex Row();
}
