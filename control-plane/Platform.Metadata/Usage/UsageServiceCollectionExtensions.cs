using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Metadata.Keys;

namespace Platform.Metadata.Usage;

public static class UsageServiceCollectionExtensions
{
    /// <summary>
    /// Per-project usage counted in memory (<see cref="UsageRecorder"/>) and written by <see cref="UsageFlusher"/>
    /// every Platform:Usage:FlushSeconds (default 10; a minute is written once, after it ends). With
    /// <paramref name="keyUse"/> the host also records which API keys were used (the gateway).
    /// </summary>
    public static IServiceCollection AddUsageRecording(this IServiceCollection services, IConfiguration configuration, string role, bool keyUse)
    {
        var seconds = configuration.GetValue("Platform:Usage:FlushSeconds", 10);
        if (seconds is < 1 or > 60)
        {
            throw new InvalidOperationException("Platform:Usage:FlushSeconds must be between 1 and 60.");
        }

        services.AddSingleton<UsageStore>();
        services.AddSingleton(sp => new UsageRecorder(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        if (keyUse)
        {
            services.AddSingleton(sp => new KeyUseRecorder(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        }

        services.AddHostedService(sp => new UsageFlusher(
            sp.GetRequiredService<UsageRecorder>(), sp.GetRequiredService<UsageStore>(), sp.GetRequiredService<ApiKeyStore>(),
            sp.GetService<KeyUseRecorder>(), UsageFlusher.HostName(role), TimeSpan.FromSeconds(seconds),
            sp.GetRequiredService<ILogger<UsageFlusher>>()));
        return services;
    }
}
