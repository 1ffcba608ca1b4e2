using System.CommandLine;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using ProdReady.Server.Store;

namespace ProdReady.Cli;

/// <summary>
/// Where the server keeps its portfolio, as `serve` and `keys` take it: `--db` (or PRODREADY_DB, which keeps a
/// password out of the process list) and `--provider`. The default is a SQLite file under ./.prodready-server/.
/// </summary>
internal sealed class ServerStore
{
    public const string DatabaseVariable = "PRODREADY_DB";
    public static readonly string DefaultFile = Path.Combine(".prodready-server", "prodready.db");

    private readonly Option<string?> _database = new("--db")
    {
        Description = $"The database: a SQLite file path or connection string, or a PostgreSQL connection string (default: ${DatabaseVariable}, else {DefaultFile})",
    };

    private readonly Option<string> _provider = new("--provider") { Description = "sqlite or postgres", DefaultValueFactory = _ => "sqlite" };

    public ServerStore() => _provider.AcceptOnlyFromAmong("sqlite", "postgres");

    /// <summary>The folder of the SQLite database the last <see cref="OpenAsync"/> opened; null for PostgreSQL.</summary>
    public string? SqliteFolder { get; private set; }

    public void AddTo(Command command)
    {
        command.Options.Add(_database);
        command.Options.Add(_provider);
    }

    /// <summary>The opened (and migrated) store, or null after one message naming the database (never its password).</summary>
    public async Task<PortfolioStore?> OpenAsync(ParseResult parse, CancellationToken cancel)
    {
        var provider = parse.GetValue(_provider) == "postgres" ? StoreProvider.Postgres : StoreProvider.Sqlite;
        var given = parse.GetValue(_database) ?? Environment.GetEnvironmentVariable(DatabaseVariable);
        string connectionString, label;
        try
        {
            (connectionString, label) = provider == StoreProvider.Sqlite ? Sqlite(given) : Postgres(given);
        }
        catch (ArgumentException malformed)
        {
            Consoles.Fail($"--db: not a {parse.GetValue(_provider)} connection string ({malformed.Message})");
            return null;
        }
        catch (Exception unusable) when (unusable is IOException or UnauthorizedAccessException)
        {
            Consoles.Fail($"--db {given}: cannot create the database's folder ({unusable.Message})");
            return null;
        }
        SqliteFolder = provider == StoreProvider.Sqlite ? Path.GetDirectoryName(Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource)) : null;
        try
        {
            return await PortfolioStore.OpenAsync(provider, connectionString, cancel: cancel);
        }
        catch (DbException failed)
        {
            Consoles.Fail($"{label}: {failed.Message}");
            return null;
        }
        catch (IOException failed)
        {
            Consoles.Fail($"{label}: {failed.Message}");
            return null;
        }
    }

    private static (string ConnectionString, string Label) Sqlite(string? given)
    {
        var builder = given is null || !given.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder { DataSource = given ?? DefaultFile }
            : new SqliteConnectionStringBuilder(given);
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (folder is not null && !Directory.Exists(folder))
        {
            // The database holds key hashes and every assessment: a folder of its own is for its owner only.
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        return (builder.ConnectionString, builder.DataSource);
    }

    private static (string ConnectionString, string Label) Postgres(string? given)
    {
        if (string.IsNullOrWhiteSpace(given))
        {
            throw new ArgumentException($"give one with --db or ${DatabaseVariable}, e.g. \"Host=db;Database=prodready;Username=prodready\"");
        }
        var builder = new NpgsqlConnectionStringBuilder(given);
        return (builder.ConnectionString, $"PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port}");
    }
}
