using System.Diagnostics;

namespace Platform.EndToEnd.Tests.ControlPlane;

/// <summary>A local bare git repository (file://) with a working copy tests commit to, as a user pushes to GitHub.</summary>
public sealed class GitRepository : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("platform-repo-").FullName;

    public GitRepository()
    {
        Git(root, "init", "-q", "--bare", "-b", "main", Bare);
        Git(root, "clone", "-q", Bare, Work);
    }

    public string Bare => Path.Combine(root, "repo.git");

    public string Work => Path.Combine(root, "work");

    public string Url => "file://" + Bare;

    public void Write(string path, string content) => Write(path, System.Text.Encoding.UTF8.GetBytes(content));

    public void Write(string path, byte[] content)
    {
        var full = Path.Combine(Work, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
    }

    public void Symlink(string path, string target)
    {
        var full = Path.Combine(Work, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.CreateSymbolicLink(full, target);
    }

    public void Delete(string path) => File.Delete(Path.Combine(Work, path));

    /// <summary>Commits everything in the working copy and pushes it to the bare repository's main branch.</summary>
    public string Push(string message = "change")
    {
        Git(Work, "add", "-A");
        Git(Work, "-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "--allow-empty", "-m", message);
        Git(Work, "push", "-q", "origin", "HEAD:main");
        return Git(Work, "rev-parse", "HEAD").Trim();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string Git(string dir, params string[] args)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode == 0 ? output : throw new InvalidOperationException($"git {string.Join(' ', args)}: {error}");
    }
}
