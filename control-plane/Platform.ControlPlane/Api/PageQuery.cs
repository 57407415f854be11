using Platform.Metadata.Paging;

namespace Platform.ControlPlane.Api;

/// <summary>?limit= and ?cursor= of a list, checked: 1-200 (default 50), a cursor this API made.</summary>
public sealed record PageQuery(int Limit, string? AfterKey, Guid? AfterId)
{
    public static PageQuery From(HttpRequest request)
    {
        var limit = 50;
        if (request.Query["limit"].ToString() is { Length: > 0 } l && (!int.TryParse(l, out limit) || limit is < 1 or > 200))
        {
            throw ApiException.Invalid("limit", "must be a whole number from 1 to 200");
        }

        if (request.Query["cursor"].ToString() is { Length: > 0 } c)
        {
            return Cursor.TryDecode(c, out var key, out var id)
                ? new PageQuery(limit, key, id)
                : throw ApiException.Invalid("cursor", "is not a cursor from this list");
        }

        return new PageQuery(limit, null, null);
    }
}
