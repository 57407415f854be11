using System.Text.Json.Nodes;

namespace Platform.Conformance.Tests.Harness;

/// <summary>
/// The differences an app could see between two answers: HTTP status, <c>data</c> (key order aside), and
/// <c>errors</c> by count and path; messages only where the document asks (PostgreSQL's texts).
/// </summary>
public static class AnswerComparison
{
    public static IReadOnlyList<string> Differences(ServerAnswer reference, ServerAnswer platform, bool compareMessages)
    {
        var found = new List<string>();
        if (reference.Status != platform.Status)
        {
            found.Add($"status: {reference.Server} {reference.Status}, {platform.Server} {platform.Status}");
        }

        if (reference.Json is not JsonObject r || platform.Json is not JsonObject p)
        {
            found.Add("a body is not a JSON object");
            return found;
        }

        var rData = CanonicalJson.Write(r["data"]);
        var pData = CanonicalJson.Write(p["data"]);
        if (rData != pData)
        {
            found.Add($"data: {reference.Server} {rData}\n      {platform.Server} {pData}");
        }

        var rErrors = r["errors"] as JsonArray ?? [];
        var pErrors = p["errors"] as JsonArray ?? [];
        if (rErrors.Count != pErrors.Count)
        {
            found.Add($"errors: {reference.Server} has {rErrors.Count}, {platform.Server} has {pErrors.Count}");
            return found;
        }

        for (var i = 0; i < rErrors.Count; i++)
        {
            var rPath = CanonicalJson.Write(rErrors[i]?["path"]);
            var pPath = CanonicalJson.Write(pErrors[i]?["path"]);
            if (rPath != pPath)
            {
                found.Add($"errors[{i}].path: {reference.Server} {rPath}, {platform.Server} {pPath}");
            }

            var rMessage = rErrors[i]?["message"]?.ToString();
            var pMessage = pErrors[i]?["message"]?.ToString();
            if (compareMessages && rMessage != pMessage)
            {
                found.Add($"errors[{i}].message: {reference.Server} \"{rMessage}\", {platform.Server} \"{pMessage}\"");
            }
        }

        return found;
    }
}
