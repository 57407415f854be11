using System.Buffers.Text;
using System.Text;

namespace Platform.Metadata.Paging;

/// <summary>
/// Opaque keyset cursors: the sort key and id of the last row of a page, base64url. A cursor that does not decode is
/// treated as the start of the list by none of the callers: they reject it as invalid input.
/// </summary>
public static class Cursor
{
    public static string Encode(string sortKey, Guid id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(sortKey + "\n" + id.ToString("N")));

    public static string Encode(Guid id) => Encode("", id);

    public static bool TryDecode(string? cursor, out string sortKey, out Guid id)
    {
        sortKey = "";
        id = Guid.Empty;
        if (string.IsNullOrEmpty(cursor))
        {
            return false;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            var nl = text.LastIndexOf('\n');
            if (nl < 0 || !Guid.TryParseExact(text[(nl + 1)..], "N", out id))
            {
                return false;
            }

            sortKey = text[..nl];
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
