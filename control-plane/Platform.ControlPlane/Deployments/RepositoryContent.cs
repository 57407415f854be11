using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.ControlPlane.Hosting;
using Platform.Metadata.Projects;

namespace Platform.ControlPlane.Deployments;

/// <summary>
/// What a deployment takes from a checkout: the project file (platform.json, the settings document) and
/// migrations/*.sql in name order, under the repository's folder. Everything read is checked first: no symbolic
/// links anywhere on the way (a link could point outside the checkout), plain names, sizes, counts, strict UTF-8.
/// </summary>
public sealed partial record RepositoryContent(ProjectSettings? Settings, IReadOnlyList<Migration> Migrations)
{
    public const string ProjectFile = "platform.json";

    public static RepositoryContent Read(string checkout, string folder, DeploymentOptions limits)
    {
        var root = Path.GetFullPath(Path.Combine(checkout, folder));
        if (!IsInside(checkout, root))
        {
            throw new DeploymentFailedException("UNSAFE_PATH", $"The folder '{folder}' is outside the repository.");
        }

        RefuseLinks(checkout, root);
        if (!Directory.Exists(root))
        {
            throw new DeploymentFailedException("FOLDER_NOT_FOUND", $"The repository has no folder '{folder}'.");
        }

        ProjectSettings? settings = null;
        var projectFile = Path.Combine(root, ProjectFile);
        if (File.Exists(projectFile) || IsLink(projectFile))
        {
            settings = ReadSettings(projectFile);
        }

        var migrations = new List<Migration>();
        var dir = Path.Combine(root, "migrations");
        if (IsLink(dir))
        {
            throw new DeploymentFailedException("UNSAFE_PATH", "migrations is a symbolic link; the platform reads only plain files and folders.");
        }

        if (Directory.Exists(dir))
        {
            var entries = new DirectoryInfo(dir).GetFileSystemInfos();
            if (entries.Length > limits.MaxMigrations)
            {
                throw new DeploymentFailedException("TOO_MANY_FILES", $"migrations/ holds {entries.Length} entries; at most {limits.MaxMigrations} are read.");
            }

            foreach (var entry in entries.Where(e => e.Name.EndsWith(".sql", StringComparison.Ordinal)).OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                if (entry.LinkTarget is not null)
                {
                    throw new DeploymentFailedException("UNSAFE_PATH", $"migrations/{entry.Name} is a symbolic link; migrations must be plain files.");
                }

                if (entry is not FileInfo file)
                {
                    continue;
                }

                if (!MigrationName().IsMatch(file.Name) || file.Name.Contains("..", StringComparison.Ordinal))
                {
                    throw new DeploymentFailedException("MIGRATION_NAME_INVALID",
                        $"migrations/{file.Name}: a migration's name may hold letters, digits, '_', '-' and single dots, and ends in .sql.");
                }

                if (file.Length > limits.MaxMigrationBytes)
                {
                    throw new DeploymentFailedException("REPO_TOO_LARGE", $"migrations/{file.Name} is {file.Length} bytes; a migration may have at most {limits.MaxMigrationBytes}.");
                }

                var bytes = File.ReadAllBytes(file.FullName);
                migrations.Add(new Migration(file.Name, Decode(bytes, "migrations/" + file.Name), Convert.ToHexStringLower(SHA256.HashData(bytes))));
            }
        }

        return new RepositoryContent(settings, migrations);
    }

    private static ProjectSettings ReadSettings(string path)
    {
        if (IsLink(path))
        {
            throw new DeploymentFailedException("UNSAFE_PATH", $"{ProjectFile} is a symbolic link; the project file must be a plain file.");
        }

        if (new FileInfo(path).Length > 1 << 20)
        {
            throw new DeploymentFailedException("REPO_TOO_LARGE", $"{ProjectFile} is over 1 MiB.");
        }

        ProjectSettings settings;
        try
        {
            settings = ProjectSettings.Parse(Decode(File.ReadAllBytes(path), ProjectFile));
        }
        catch (JsonException e)
        {
            throw new DeploymentFailedException("PROJECT_FILE_INVALID", $"{ProjectFile}: {e.Message}");
        }

        // The JWT secret is usually not in the repository: the stored one is kept, and checked by the runner, so
        // only the file's own fields are judged here.
        if (settings.Problems(secretStored: true) is { Count: > 0 } problems)
        {
            throw new DeploymentFailedException("PROJECT_FILE_INVALID", $"{ProjectFile}: {string.Join("; ", problems)}.");
        }

        return settings;
    }

    private static string Decode(byte[] bytes, string name)
    {
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new DeploymentFailedException("MIGRATION_NOT_UTF8", $"{name} is not valid UTF-8.");
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new DeploymentFailedException("MIGRATION_NOT_UTF8", $"{name} contains a NUL character, which PostgreSQL cannot take.");
        }

        return text.TrimStart('\uFEFF');
    }

    /// <summary>Every directory from the checkout down to the folder must be a real directory, not a link.</summary>
    private static void RefuseLinks(string checkout, string root)
    {
        var path = Path.GetFullPath(checkout);
        foreach (var part in Path.GetRelativePath(path, root).Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }

            path = Path.Combine(path, part);
            if (IsLink(path))
            {
                throw new DeploymentFailedException("UNSAFE_PATH", $"{Path.GetRelativePath(checkout, path)} is a symbolic link; the folder must be a plain directory.");
            }
        }
    }

    /// <summary>A symbolic link, dangling or not, to a file or a directory.</summary>
    private static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;

    private static bool IsInside(string parent, string child)
    {
        var p = Path.GetFullPath(parent).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var c = Path.GetFullPath(child).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return c.StartsWith(p, StringComparison.Ordinal);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*\\.sql$")]
    private static partial Regex MigrationName();
}
