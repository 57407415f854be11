using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Platform.DataPlane.Introspection.Model;

namespace Platform.DataPlane.Introspection;

/// <summary>Reads the catalog query's JSON into a snapshot, writes it back, and fingerprints it.</summary>
public static class SnapshotSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static CatalogSnapshot Deserialize(string json) =>
        JsonSerializer.Deserialize<CatalogSnapshot>(json, Options) ?? throw new JsonException("The catalog document is null.");

    public static string Serialize(CatalogSnapshot snapshot) => JsonSerializer.Serialize(snapshot, Options);

    /// <summary>
    /// A short stable hash of the snapshot's canonical serialisation. Equal catalogs give equal fingerprints;
    /// any change to exposed tables, columns, constraints, types, functions, comments or privileges changes it.
    /// </summary>
    public static string Fingerprint(CatalogSnapshot snapshot)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(Serialize(snapshot)));
        return Convert.ToHexStringLower(digest.AsSpan(0, 16));
    }
}
