using System.Diagnostics;
using System.Text;
using Platform.ControlPlane.Hosting;
using Platform.Metadata.Deployments;

namespace Platform.ControlPlane.Deployments;

/// <summary>
/// A shallow clone of one branch head with the git CLI, fenced in: no hooks, no submodules, no LFS, no system or user
/// configuration, only the https (and, where allowed, file) transports, a time limit and a size limit watched while
/// it runs. Credentials travel in the environment (GIT_CONFIG_*), never on the command line where ps would show them.
/// The directory is deleted on dispose.
/// </summary>
public sealed class GitCheckout : IDisposable
{
    private GitCheckout(string path, string commit)
    {
        Path = path;
        Commit = commit;
    }

    public string Path { get; }

    public string Commit { get; }

    public static async Task<GitCheckout> CloneAsync(string url, string branch, RepositoryCredentials? credentials, DeploymentOptions limits, DeploymentLog log, CancellationToken ct)
    {
        var work = Directory.CreateTempSubdirectory("platform-deploy-").FullName;
        var target = System.IO.Path.Combine(work, "checkout");
        try
        {
            var env = Environment(work, url, credentials, limits.AllowFileRepositories == true);
            var clone = await RunAsync(env, work, target, limits, ct,
                "-c", "core.hooksPath=/dev/null", "-c", "core.symlinks=true", "-c", "submodule.recurse=false",
                "clone", "--depth", "1", "--single-branch", "--no-tags", "--no-recurse-submodules", "--branch", branch, "--", url, target);
            if (clone.ExitCode != 0)
            {
                throw new DeploymentFailedException("CLONE_FAILED", $"git clone failed: {Tail(clone.Error)}");
            }

            var size = DirectorySize(target);
            if (size > limits.MaxCheckoutBytes)
            {
                throw new DeploymentFailedException("REPO_TOO_LARGE", $"The checkout is {size} bytes; at most {limits.MaxCheckoutBytes} are allowed.");
            }

            var files = Directory.EnumerateFileSystemEntries(target, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
                .Count(p => !p.Contains("/.git/", StringComparison.Ordinal) && !p.EndsWith("/.git", StringComparison.Ordinal));
            if (files > limits.MaxFiles)
            {
                throw new DeploymentFailedException("TOO_MANY_FILES", $"The repository has {files} files and folders; at most {limits.MaxFiles} are allowed.");
            }

            var head = await RunAsync(env, work, target, limits, ct, "-C", target, "rev-parse", "HEAD");
            var commit = head.Output.Trim();
            await log.WriteAsync($"Cloned {Redact(url)} at {branch} ({commit[..Math.Min(12, commit.Length)]}), {files} entries, {size} bytes.");
            return new GitCheckout(target, commit);
        }
        catch
        {
            TryDelete(work);
            throw;
        }
    }

    public void Dispose() => TryDelete(System.IO.Path.GetDirectoryName(Path)!);

    /// <summary>The URL without user information, for logs.</summary>
    public static string Redact(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && u.UserInfo.Length > 0 ? url.Replace(u.UserInfo + "@", "", StringComparison.Ordinal) : url;

    private static Dictionary<string, string> Environment(string home, string url, RepositoryCredentials? credentials, bool allowFile)
    {
        var env = new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["GIT_TERMINAL_PROMPT"] = "0",
            ["GIT_ASKPASS"] = "/bin/false",
            ["SSH_ASKPASS"] = "/bin/false",
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            ["GIT_CONFIG_GLOBAL"] = "/dev/null",
            ["GIT_LFS_SKIP_SMUDGE"] = "1",
            ["GIT_ALLOW_PROTOCOL"] = allowFile ? "https:file" : "https",
            ["GIT_PROTOCOL_FROM_USER"] = "0",
        };
        if (credentials is not null && url.StartsWith("https://", StringComparison.Ordinal))
        {
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.Username + ":" + credentials.Password));
            env["GIT_CONFIG_COUNT"] = "1";
            env["GIT_CONFIG_KEY_0"] = "http.extraHeader";
            env["GIT_CONFIG_VALUE_0"] = "Authorization: Basic " + basic;
        }

        return env;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        Dictionary<string, string> env, string workDir, string watched, DeploymentOptions limits, CancellationToken ct, params string[] args)
    {
        var psi = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workDir,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment.Clear();
        psi.Environment["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        foreach (var (k, v) in env)
        {
            psi.Environment[k] = v;
        }

        using var process = Process.Start(psi) ?? throw new DeploymentFailedException("CLONE_FAILED", "git could not be started.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        var deadline = DateTime.UtcNow.AddSeconds(limits.CloneTimeoutSeconds);
        try
        {
            // The size is watched while git writes, so a huge file is stopped early rather than after filling the disk.
            while (!process.WaitForExit(250))
            {
                ct.ThrowIfCancellationRequested();
                if (DateTime.UtcNow > deadline)
                {
                    throw new DeploymentFailedException("CLONE_TIMEOUT", $"git took longer than {limits.CloneTimeoutSeconds} s.");
                }

                if (Directory.Exists(watched) && DirectorySize(watched) > limits.MaxCheckoutBytes)
                {
                    throw new DeploymentFailedException("REPO_TOO_LARGE", $"The repository is over {limits.MaxCheckoutBytes} bytes.");
                }
            }
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    private static long DirectorySize(string path)
    {
        try
        {
            return new DirectoryInfo(path).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true })
                .Sum(f => f.LinkTarget is null ? f.Length : 0);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static string Tail(string s)
    {
        s = s.Trim();
        return s.Length <= 500 ? s : "…" + s[^500..];
    }

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
