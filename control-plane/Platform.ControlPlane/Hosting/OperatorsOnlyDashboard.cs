using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Platform.ControlPlane.Identity;

namespace Platform.ControlPlane.Hosting;

/// <summary>The Hangfire dashboard is for operators: a signed-in session (the sign-in page's cookie) whose email is in Platform:ControlPlane:Operators.</summary>
public sealed class OperatorsOnlyDashboard : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var operators = http.RequestServices.GetRequiredService<IOptions<ControlPlaneOptions>>().Value.Operators;
        if (operators.Length == 0)
        {
            return false;
        }

        var session = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!session.Succeeded)
        {
            return false;
        }

        var user = await http.RequestServices.GetRequiredService<UserManager<PlatformUser>>().GetUserAsync(session.Principal);
        return user?.Email is { } email && operators.Contains(email, StringComparer.OrdinalIgnoreCase);
    }
}
