using Platform.Errors;
using Platform.Gateway.Keys;

namespace Platform.Gateway.Admission;

/// <summary>
/// The admission step's answer: the request let in, or the one error that refuses it. <see cref="Key"/> is the key
/// once it was found valid for the project, so a refusal after that point still knows the project (metrics, CORS).
/// </summary>
internal readonly record struct AdmissionResult(AdmittedRequest? Admitted, PlatformError? Rejection, ResolvedKey? Key)
{
    public static AdmissionResult Admit(AdmittedRequest admitted) => new(admitted, null, admitted.Key);

    public static AdmissionResult Reject(PlatformError error, ResolvedKey? key) => new(null, error, key);
}
