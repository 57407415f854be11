using System.Text;
using Platform.DataPlane.Execution;

namespace Platform.DataPlane.Grains.Realtime;

internal static class SessionKeys
{
    /// <summary>A key equal for two sessions exactly when their role and every setting (claim) are equal.</summary>
    public static string Of(GraphQLSession? session)
    {
        if (session is null)
        {
            return "";
        }

        var key = new StringBuilder().Append(session.Role).Append('\0');
        foreach (var (name, value) in (session.Settings ?? new Dictionary<string, string>()).OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            key.Append(name).Append('=').Append(value).Append('\0');
        }

        return key.ToString();
    }
}
