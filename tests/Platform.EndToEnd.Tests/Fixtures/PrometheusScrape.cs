using System.Globalization;

namespace Platform.EndToEnd.Tests.Fixtures;

/// <summary>Reads a host's /metrics (Prometheus text) and adds up the series of one metric.</summary>
public static class PrometheusScrape
{
    public static async Task<double> SumAsync(string hostUrl, string metric, params string[] labelsContaining) =>
        Sum(await ScrapeAsync(hostUrl), metric, labelsContaining);

    /// <summary>One scrape: several metrics read from it are one consistent snapshot.</summary>
    public static Task<string> ScrapeAsync(string hostUrl) => GatewayClient.Http.GetStringAsync(new Uri(hostUrl + "/metrics"));

    public static double Sum(string text, string metric, params string[] labelsContaining)
    {
        var sum = 0.0;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith('#') || !(line.StartsWith(metric + "{", StringComparison.Ordinal) || line.StartsWith(metric + " ", StringComparison.Ordinal)))
            {
                continue;
            }

            if (labelsContaining.All(l => line.Contains(l, StringComparison.Ordinal)))
            {
                // A timestamp may follow the value; the value is the first field after the labels.
                var end = line.LastIndexOf('}');
                var parts = (end >= 0 ? line[(end + 1)..] : line[metric.Length..]).Trim().Split(' ');
                sum += double.Parse(parts[0], CultureInfo.InvariantCulture);
            }
        }

        return sum;
    }
}
