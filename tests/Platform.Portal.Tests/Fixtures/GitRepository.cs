using System.Diagnostics;

namespace Platform.Portal.Tests.Fixtures;

/// <summary>A local git repository of SQL migrations, imported by the wizard through a file:// URL.</summary>
public sealed class GitRepository : IDisposable
{
    private GitRepository(string path) => Path = path;

    public string Path { get; }

    public string Url => new Uri(Path).AbsoluteUri;

    public static GitRepository Create(IReadOnlyDictionary<string, string> files)
    {
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "portal-repo-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        foreach (var (name, content) in files)
        {
            var file = System.IO.Path.Combine(dir, name);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
            File.WriteAllText(file, content);
        }

        Git(dir, "init", "-q", "-b", "main");
        Git(dir, "add", "-A");
        Git(dir, "-c", "user.email=tests@example.com", "-c", "user.name=tests", "commit", "-q", "-m", "migrations");
        return new GitRepository(dir);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void Git(string dir, params string[] args)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = dir, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {err}");
        }
    }
}
