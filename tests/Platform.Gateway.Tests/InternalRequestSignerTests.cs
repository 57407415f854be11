using System.Text;
using Platform.ServiceDefaults.InternalAuth;
using Xunit;

namespace Platform.Gateway.Tests;

/// <summary>The gateway-to-silo signature (decision 0087) as the silo checks it, including the contexts kept per thread.</summary>
[Trait("Tier", "Fast")]
public sealed class InternalRequestSignerTests
{
    private const string Project = "6f1c2a34-0000-4000-8000-000000000001";
    private const string Path = "/internal/projects/6f1c2a34-0000-4000-8000-000000000001/graphql";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_796_331_653_721);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"query\":\"{ __typename }\"}");

    private readonly InternalRequestSigner signer = new("gateway-secret-0123456789abcdef0123456789");

    [Fact]
    public void A_request_verifies_as_signed_and_not_with_any_field_changed()
    {
        var ts = InternalRequestSigner.Timestamp(Now);
        var sig = signer.Sign(Project, "anon", ts, "POST", Path, "?a=1", "Bearer t", Body);

        Assert.Equal(InternalSignatureStatus.Valid, signer.Verify(Project, "anon", ts, sig, "POST", Path, "?a=1", "Bearer t", Body, Now));
        Assert.Equal(InternalSignatureStatus.Invalid, signer.Verify(Project, "service", ts, sig, "POST", Path, "?a=1", "Bearer t", Body, Now));
        Assert.Equal(InternalSignatureStatus.Invalid, signer.Verify(Project, "anon", ts, sig, "GET", Path, "?a=1", "Bearer t", Body, Now));
        Assert.Equal(InternalSignatureStatus.Invalid, signer.Verify(Project, "anon", ts, sig, "POST", Path + "x", "?a=1", "Bearer t", Body, Now));
        Assert.Equal(InternalSignatureStatus.Invalid, signer.Verify(Project, "anon", ts, sig, "POST", Path, "?a=2", "Bearer t", Body, Now));
        Assert.Equal(InternalSignatureStatus.Invalid, signer.Verify(Project, "anon", ts, sig, "POST", Path, "?a=1", "", Body, Now));
        Assert.Equal(InternalSignatureStatus.Invalid, signer.Verify(Project, "anon", ts, sig, "POST", Path, "?a=1", "Bearer t", Body.AsSpan(1), Now));
        Assert.Equal(InternalSignatureStatus.Expired, signer.Verify(Project, "anon", ts, sig, "POST", Path, "?a=1", "Bearer t", Body, Now.AddSeconds(6)));
    }

    [Fact]
    public void Two_secrets_used_in_turn_on_one_thread_never_sign_with_each_others_key()
    {
        var other = new InternalRequestSigner("another-secret-0123456789abcdef012345678");
        var ts = InternalRequestSigner.Timestamp(Now);
        for (var i = 0; i < 3; i++)
        {
            var mine = signer.Sign(Project, "anon", ts, "POST", Path, "", "", Body);
            var theirs = other.Sign(Project, "anon", ts, "POST", Path, "", "", Body);

            Assert.NotEqual(mine, theirs);
            Assert.Equal(InternalSignatureStatus.Valid, signer.Verify(Project, "anon", ts, mine, "POST", Path, "", "", Body, Now));
            Assert.Equal(InternalSignatureStatus.Invalid, signer.Verify(Project, "anon", ts, theirs, "POST", Path, "", "", Body, Now));
            Assert.Equal(InternalSignatureStatus.Valid, other.Verify(Project, "anon", ts, theirs, "POST", Path, "", "", Body, Now));
        }
    }

    [Fact]
    public async Task Signatures_made_on_many_threads_at_once_are_the_same_as_on_one()
    {
        var ts = InternalRequestSigner.Timestamp(Now);
        var expected = Enumerable.Range(0, 64).Select(i => signer.Sign(Project, "anon", ts, "POST", Path, "?i=" + i, "", Body)).ToArray();

        var actual = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() =>
            Enumerable.Range(0, 200).Select(_ => signer.Sign(Project, "anon", ts, "POST", Path, "?i=" + i, "", Body)).Distinct().Single())));

        Assert.Equal(expected, actual);
    }
}
