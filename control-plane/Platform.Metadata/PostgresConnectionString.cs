using Npgsql;
using Platform.Metadata.ConnectionStrings;

namespace Platform.Metadata;

/// <summary>
/// Accepts libpq URLs (<c>postgres://</c>, what users paste from their provider), libpq keyword/value strings
/// (<c>host=db dbname=app</c>) and Npgsql key=value strings, and refuses anything that does not parse, before it is
/// stored or used. Every libpq parameter is mapped to Npgsql's equivalent or refused with its name and the reason
/// (see <see cref="LibpqParameters"/>); none is dropped. The control plane calls this when a project is registered.
/// </summary>
public static class PostgresConnectionString
{
    public static string Normalize(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        value = value.Trim();
        if (value.StartsWith("postgres://", StringComparison.Ordinal) || value.StartsWith("postgresql://", StringComparison.Ordinal))
        {
            return FromLibpq(LibpqUrl.Parse(value), "URL");
        }

        if (LibpqKeywordValue.Looks(value))
        {
            return FromLibpq(LibpqKeywordValue.Parse(value), "connection string");
        }

        try
        {
            var b = new NpgsqlConnectionStringBuilder(value);
            if (string.IsNullOrEmpty(b.Host))
            {
                throw new ArgumentException("The connection string names no host.");
            }

            return b.ConnectionString;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new ArgumentException("Invalid PostgreSQL connection string: " + e.Message, nameof(value), e);
        }
    }

    private static string FromLibpq(IReadOnlyList<(string Name, string Value)> parameters, string form)
    {
        // libpq's own default port; the database stays "postgres" when none is named, as the platform always did.
        var b = new NpgsqlConnectionStringBuilder { Port = 5432, Database = "postgres" };
        try
        {
            foreach (var (name, v) in parameters)
            {
                LibpqParameters.Apply(b, name, v);
            }
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Invalid PostgreSQL {form}: {e.Message}", e);
        }

        if (string.IsNullOrEmpty(b.Host))
        {
            throw new ArgumentException($"Invalid PostgreSQL {form}: it names no host.");
        }

        return b.ConnectionString;
    }
}
