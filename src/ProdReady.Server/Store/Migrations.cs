using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Dapper;

namespace ProdReady.Server.Store;

/// <summary>
/// Forward-only schema migrations: embedded SQL files migrations/&lt;dialect&gt;/NNNN_name.sql, applied in number
/// order inside one transaction and recorded in schema_migrations, so a re-open applies nothing and a failed
/// migration leaves the schema as it was.
/// </summary>
internal static class Migrations
{
    public sealed record Migration(int Version, string Name, string Sql);

    public static IReadOnlyList<Migration> For(SqlDialect dialect)
    {
        var assembly = typeof(Migrations).Assembly;
        var prefix = $"migrations/{dialect.MigrationFolder}/";
        return [.. assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Load(assembly, name, name[prefix.Length..^".sql".Length]))
            .OrderBy(migration => migration.Version)];
    }

    /// <summary>Applies the migrations the database lacks; returns their versions.</summary>
    public static async Task<IReadOnlyList<int>> ApplyAsync(DbConnection connection, SqlDialect dialect, TimeProvider clock, CancellationToken cancel)
    {
        await using var transaction = await dialect.BeginWriteAsync(connection, cancel);
        await dialect.LockForMigrationAsync(connection, transaction, cancel);
        await connection.ExecuteAsync(new CommandDefinition(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)",
            transaction: transaction, cancellationToken: cancel));
        var applied = (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT version FROM schema_migrations", transaction: transaction, cancellationToken: cancel))).ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime.ToString(SqliteDialect.TimeFormat, CultureInfo.InvariantCulture);
        var done = new List<int>();
        foreach (var migration in For(dialect).Where(migration => !applied.Contains(migration.Version)))
        {
            await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: cancel));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @now)",
                new { migration.Version, migration.Name, now }, transaction, cancellationToken: cancel));
            done.Add(migration.Version);
        }
        await transaction.CommitAsync(cancel);
        return done;
    }

    private static Migration Load(Assembly assembly, string resource, string fileName)
    {
        var separator = fileName.IndexOf('_', StringComparison.Ordinal);
        if (separator <= 0 || !int.TryParse(fileName[..separator], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new InvalidOperationException($"{resource}: a migration is named NNNN_name.sql");
        }
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return new Migration(version, fileName[(separator + 1)..], reader.ReadToEnd());
    }
}
