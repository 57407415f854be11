using System.Security.Cryptography;
using Npgsql;

namespace Platform.Metadata.Security;

/// <summary>
/// The control plane's OpenID Connect keys, made once and shared by every replica. The first replica to start writes
/// them; a concurrent one loses the insert race and reads the winner's.
/// </summary>
public sealed class OidcKeyStore(NpgsqlDataSource metadata, SecretProtector protector)
{
    /// <summary>Associated data for the envelopes: not a project, so no project's id can ever decrypt them.</summary>
    private static readonly Guid Scope = new("6f696463-6b65-7973-0000-000000000000");

    public async Task<RSA> GetOrCreateAsync(string purpose, CancellationToken ct = default)
    {
        using (var fresh = RSA.Create(2048))
        {
            await using var insert = metadata.CreateCommand(
                "INSERT INTO platform.oidc_keys (purpose, key_enc) VALUES ($1, $2) ON CONFLICT (purpose) DO NOTHING");
            insert.Parameters.AddWithValue(purpose);
            insert.Parameters.AddWithValue(protector.Protect(Convert.ToBase64String(fresh.ExportPkcs8PrivateKey()), Scope));
            await insert.ExecuteNonQueryAsync(ct);
        }

        await using var read = metadata.CreateCommand("SELECT key_enc FROM platform.oidc_keys WHERE purpose = $1");
        read.Parameters.AddWithValue(purpose);
        var enc = (byte[])(await read.ExecuteScalarAsync(ct))!;
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(protector.Unprotect(enc, Scope)), out _);
        return rsa;
    }
}
