using System.Diagnostics;
using System.Globalization;
using Npgsql;
using ProdReady.Tests.Support;

namespace ProdReady.Tests.Server;

/// <summary>
/// A private PostgreSQL cluster for the tests, from the Debian packages (.ci/run installs them): initdb into a temp
/// folder (as the postgres user when the tests run as root, which PostgreSQL refuses to run as), started with pg_ctl
/// on a free loopback port with its socket in that folder, stopped and deleted at the end. Each test gets its own
/// database (<see cref="CreateDatabaseAsync"/>). Without PostgreSQL installed every test using it fails, saying so.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private const string Packages = "/usr/lib/postgresql";
    private readonly string _root;
    private readonly string _bin;
    private readonly string _data;
    private int _databases;

    public PostgresCluster()
    {
        _bin = FindBin();
        _root = Directory.CreateTempSubdirectory("prodready-pg-").FullName;
        _data = Path.Combine(_root, "data");
        var sockets = Directory.CreateDirectory(Path.Combine(_root, "sockets")).FullName;
        if (RunsAsRoot)
        {
            Run("chown", "-R", "postgres:postgres", _root);
        }
        Port = Loopback.FreePort();
        Postgres("initdb", "-D", _data, "-U", "postgres", "--auth=trust", "--locale=C", "--encoding=UTF8", "--no-sync");
        Postgres("pg_ctl", "-D", _data, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "start",
            "-o", $"-p {Port.ToString(CultureInfo.InvariantCulture)} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100");
    }

    public int Port { get; }

    /// <summary>A connection string to a new, empty database.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Interlocked.Increment(ref _databases)}";
        await using (var admin = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        return ConnectionString(name);
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Postgres("pg_ctl", "-D", _data, "-w", "-m", "immediate", "stop");
        Directory.Delete(_root, recursive: true);
    }

    private string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
    }.ConnectionString;

    private static bool RunsAsRoot => Environment.UserName == "root";

    private static string FindBin()
    {
        var bin = Directory.Exists(Packages)
            ? Directory.GetDirectories(Packages)
                .Select(version => Path.Combine(version, "bin"))
                .Where(dir => File.Exists(Path.Combine(dir, "initdb")))
                .OrderByDescending(dir => int.TryParse(Path.GetFileName(Path.GetDirectoryName(dir)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException(
            $"PostgreSQL is not installed (no {Packages}/<version>/bin/initdb): the store tests need it; install the Debian package `postgresql` (.ci/run does).");
    }

    private void Postgres(string tool, params string[] arguments)
    {
        var path = Path.Combine(_bin, tool);
        if (RunsAsRoot)
        {
            Run("runuser", ["-u", "postgres", "--", path, .. arguments]);
        }
        else
        {
            Run(path, arguments);
        }
    }

    private static void Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {output.Result}{errors.Result}");
        }
    }
}
