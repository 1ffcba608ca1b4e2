using System.Globalization;
using Microsoft.Data.Sqlite;
using ProdReady.Model;
using ProdReady.Reporting;
using SQLitePCL;

namespace ProdReady.History;

/// <summary>
/// The scan history: an embedded SQLite file, one row per scan with its category scores and control statuses.
/// WAL and a busy timeout let several scans append at once; a file that is not a database, is damaged, is locked
/// for too long or comes from a newer prodready is a <see cref="HistoryException"/>, and is never modified.
/// </summary>
public sealed class HistoryStore : IDisposable
{
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(10);

    private const string TimeFormat = "yyyy-MM-ddTHH:mm:ssZ";

    private const string ScanColumns = "id, time, commit_sha, branch, overall, level";

    private readonly SqliteConnection _connection;
    private readonly TimeSpan _busyTimeout;

    private HistoryStore(string path, SqliteConnection connection, TimeSpan busyTimeout)
    {
        FilePath = path;
        _connection = connection;
        _busyTimeout = busyTimeout;
    }

    /// <summary>The database file, as given.</summary>
    public string FilePath { get; }

    /// <summary>Where a scan of <paramref name="folder"/> is recorded unless told otherwise.</summary>
    public static string DefaultPath(string folder) => Path.Combine(folder, ".prodready", "history.db");

    /// <summary>Opens the store, creating its folder and file when missing, and brings its schema up to date.</summary>
    public static HistoryStore Open(string path, TimeSpan? busyTimeout = null) => Open(path, create: true, busyTimeout ?? DefaultBusyTimeout);

    /// <summary>Opens a store that must already exist (for reading history); a missing file is a <see cref="HistoryException"/>.</summary>
    public static HistoryStore OpenExisting(string path, TimeSpan? busyTimeout = null) => Open(path, create: false, busyTimeout ?? DefaultBusyTimeout);

    private static HistoryStore Open(string path, bool create, TimeSpan busyTimeout)
    {
        if (Directory.Exists(path))
        {
            throw new HistoryException(path, "is a folder; the history store is a file (e.g. .prodready/history.db)");
        }
        if (!File.Exists(path))
        {
            if (!create)
            {
                throw new HistoryException(path, "no such file; `prodready scan` creates it");
            }
            CreateFolder(path);
        }
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false, // closing must release the file: another process may be waiting for it
            ForeignKeys = true,
            DefaultTimeout = (int)Math.Ceiling(Math.Max(1, busyTimeout.TotalSeconds)),
        }.ToString());
        var store = new HistoryStore(path, connection, busyTimeout);
        try
        {
            store.Guard(store.Prepare);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    private static void CreateFolder(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HistoryException(path, $"cannot create the folder {folder}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Checks the file before anything writes to it (the WAL switch rewrites the header): a newer schema or a damaged
    /// file stops here, unchanged. Then WAL, and the migrations the file has not had yet.
    /// </summary>
    private void Prepare()
    {
        _connection.Open();
        Execute($"PRAGMA busy_timeout = {(long)_busyTimeout.TotalMilliseconds}");
        var version = UserVersion();
        if (version > HistorySchema.Latest)
        {
            throw new HistoryException(FilePath, $"written by a newer prodready (history schema {version}; this one knows up to {HistorySchema.Latest}); left unchanged: upgrade prodready, or choose another file with --history");
        }
        var check = Scalar<string>("PRAGMA quick_check(1)");
        if (check != "ok")
        {
            throw Damaged(check);
        }
        Execute("PRAGMA journal_mode = WAL");
        if (version < HistorySchema.Latest)
        {
            Migrate();
        }
    }

    private void Migrate()
    {
        using var transaction = _connection.BeginTransaction(); // BEGIN IMMEDIATE: one process migrates, the others wait
        // Read again under the lock: another process may have migrated while this one waited.
        for (var version = UserVersion(); version < HistorySchema.Latest; version++)
        {
            Execute(HistorySchema.Migrations[version]);
            Execute($"PRAGMA user_version = {version + 1}");
        }
        transaction.Commit();
    }

    /// <summary>Records the assessment in one transaction; returns its scan id.</summary>
    public long Append(Assessment assessment) => Guard(() =>
    {
        using var transaction = _connection.BeginTransaction();
        var scores = assessment.Scores;
        var id = Scalar<long>(
            """
            INSERT INTO scans (time, commit_sha, branch, target, tool_version, overall, level, assessment)
            VALUES ($time, $commit, $branch, $target, $tool, $overall, $level, $assessment);
            SELECT last_insert_rowid();
            """,
            ("$time", assessment.Time.ToUniversalTime().ToString(TimeFormat, CultureInfo.InvariantCulture)),
            ("$commit", assessment.Commit?.ToLowerInvariant()),
            ("$branch", assessment.Branch),
            ("$target", assessment.Target),
            ("$tool", assessment.ToolVersion),
            ("$overall", scores.Overall.Value),
            ("$level", scores.Level.ToId()),
            ("$assessment", JsonReport.ToJson(assessment)));
        foreach (var category in scores.Categories)
        {
            Execute(
                "INSERT INTO scan_categories (scan_id, category, value, earned, possible) VALUES ($scan, $category, $value, $earned, $possible)",
                ("$scan", id), ("$category", category.Name), ("$value", category.Value), ("$earned", category.Earned), ("$possible", category.Possible));
        }
        foreach (var result in assessment.Results)
        {
            var control = result.Control;
            Execute(
                "INSERT INTO scan_controls (scan_id, control_id, category, priority, status, title) VALUES ($scan, $control, $category, $priority, $status, $title)",
                ("$scan", id), ("$control", control.Id), ("$category", control.Category), ("$priority", control.Priority.ToString()),
                ("$status", result.Status.ToId()), ("$title", control.Title));
        }
        transaction.Commit();
        return id;
    });

    /// <summary>How many scans the store holds.</summary>
    public long Count() => Guard(() => Scalar<long>("SELECT count(*) FROM scans"));

    /// <summary>The last <paramref name="limit"/> scans (all when null), oldest first.</summary>
    public IReadOnlyList<ScanSnapshot> List(int? limit = null) => Guard(() =>
        Load("WHERE id IN (SELECT id FROM scans ORDER BY id DESC LIMIT $limit) ORDER BY id", ("$limit", limit ?? -1)));

    public ScanSnapshot? Get(long id) => Guard(() => Load("WHERE id = $id", ("$id", id)).SingleOrDefault());

    /// <summary>The scan appended just before scan <paramref name="id"/>, if any.</summary>
    public ScanSnapshot? LatestBefore(long id) => Guard(() => Load("WHERE id < $id ORDER BY id DESC LIMIT 1", ("$id", id)).SingleOrDefault());

    /// <summary>
    /// The latest scan of a commit, given in full or as a prefix of at least 7 hex digits; null when no scan has it.
    /// A prefix that several commits share is a <see cref="HistoryException"/> listing them.
    /// </summary>
    public ScanSnapshot? FindByCommit(string commit)
    {
        var prefix = commit.ToLowerInvariant();
        if (prefix.Length is < 7 or > 40 || !prefix.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException($"'{commit}' is not a commit: 7 to 40 hex digits", nameof(commit));
        }
        return Guard(() =>
        {
            // Hex digits sort below 'g', so the range [prefix, prefix + "g") is every commit with the prefix, by index.
            var commits = new List<string>();
            Each("SELECT DISTINCT commit_sha FROM scans WHERE commit_sha >= $prefix AND commit_sha < $end LIMIT 4", reader => commits.Add(reader.GetString(0)), ("$prefix", prefix), ("$end", prefix + "g"));
            if (commits.Count > 1)
            {
                var listed = string.Join(", ", commits.Take(3).Select(sha => sha[..Math.Min(12, sha.Length)])) + (commits.Count > 3 ? ", ..." : "");
                throw new HistoryException(FilePath, $"commit '{commit}' is ambiguous: scans of {listed}; give more digits");
            }
            return commits.Count == 0 ? null : Load("WHERE commit_sha = $commit ORDER BY id DESC LIMIT 1", ("$commit", commits[0])).SingleOrDefault();
        });
    }

    /// <summary>The latest scan's id and assessment JSON as recorded (what `scan --json` printed); null when there is no scan.</summary>
    public (long Id, string Json)? LatestDocument() => Guard(() =>
    {
        (long, string)? latest = null;
        Each("SELECT id, assessment FROM scans ORDER BY id DESC LIMIT 1", reader => latest = (reader.GetInt64(0), reader.GetString(1)));
        return latest;
    });

    public void Dispose() => _connection.Dispose();

    /// <summary>Scans chosen by <paramref name="clause"/>, each with its categories and controls (one query each over the id range).</summary>
    private List<ScanSnapshot> Load(string clause, params (string Name, object? Value)[] parameters)
    {
        var rows = new List<ScanRow>();
        Each($"SELECT {ScanColumns} FROM scans {clause}", reader => rows.Add(new ScanRow(
            reader.GetInt64(0),
            DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetDouble(4),
            Known(Ids.Level(reader.GetString(5)), "level", reader.GetString(5)))), parameters);
        if (rows.Count == 0)
        {
            return [];
        }
        // The clauses pick consecutive ids (one scan, or the last N), so the id range holds exactly these scans.
        (string, object?)[] range = [("$first", rows.Min(row => row.Id)), ("$last", rows.Max(row => row.Id))];
        var categories = rows.ToDictionary(row => row.Id, _ => new List<CategorySnapshot>());
        Each("SELECT scan_id, category, value FROM scan_categories WHERE scan_id BETWEEN $first AND $last", reader =>
            categories[reader.GetInt64(0)].Add(new CategorySnapshot(reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetDouble(2))), range);
        var controls = rows.ToDictionary(row => row.Id, _ => new Dictionary<string, ControlSnapshot>(StringComparer.Ordinal));
        Each("SELECT scan_id, control_id, title, category, priority, status FROM scan_controls WHERE scan_id BETWEEN $first AND $last", reader =>
        {
            var id = reader.GetString(1);
            controls[reader.GetInt64(0)][id] = new ControlSnapshot(
                id,
                reader.GetString(2),
                reader.GetString(3),
                Known(Ids.Priority(reader.GetString(4)), "priority", reader.GetString(4)),
                Known(Ids.Status(reader.GetString(5)), "status", reader.GetString(5)));
        }, range);
        return [.. rows.Select(row => new ScanSnapshot
        {
            Id = row.Id,
            Label = $"scan {row.Id}",
            Time = row.Time,
            Commit = row.Commit,
            Branch = row.Branch,
            Overall = row.Overall,
            Level = row.Level,
            Categories = [.. categories[row.Id].OrderBy(category => ReportOrder(category.Name)).ThenBy(category => category.Name, StringComparer.Ordinal)],
            Controls = controls[row.Id],
        })];
    }

    private static int ReportOrder(string category)
    {
        var index = Category.All.ToList().IndexOf(category);
        return index < 0 ? int.MaxValue : index;
    }

    private T Known<T>(T? value, string what, string text) where T : struct =>
        value ?? throw new HistoryException(FilePath, $"holds a {what} this prodready does not know ('{text}'); it may come from a newer version");

    private int UserVersion() => (int)Scalar<long>("PRAGMA user_version");

    private SqliteCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return command;
    }

    private void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        command.ExecuteNonQuery();
    }

    private T Scalar<T>(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), CultureInfo.InvariantCulture);
    }

    private void Each(string sql, Action<SqliteDataReader> row, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            row(reader);
        }
    }

    private void Guard(Action step) => Guard(() =>
    {
        step();
        return 0;
    });

    /// <summary>Runs a step against the file, turning SQLite's errors into a message that names the file and what to do.</summary>
    private T Guard<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch (SqliteException error)
        {
            throw Explain(error);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new HistoryException(FilePath, $"cannot use the file: {error.Message}", error);
        }
    }

    private HistoryException Explain(SqliteException error) => (error.SqliteErrorCode & 0xFF) switch
    {
        raw.SQLITE_NOTADB => new HistoryException(FilePath, "not a SQLite database, so no history can be kept in it; it was left unchanged: move it aside, or choose another file with --history", error),
        raw.SQLITE_CORRUPT => Damaged(Detail(error)),
        raw.SQLITE_BUSY or raw.SQLITE_LOCKED => new HistoryException(FilePath, $"locked by another process for more than {_busyTimeout.TotalSeconds:0.#} s; try again when it has finished", error),
        raw.SQLITE_READONLY or raw.SQLITE_CANTOPEN or raw.SQLITE_PERM => new HistoryException(FilePath, $"cannot open it for writing ({Detail(error)}); check the file's and its folder's permissions, or choose another file with --history", error),
        raw.SQLITE_FULL => new HistoryException(FilePath, "the disk is full", error),
        _ => new HistoryException(FilePath, Detail(error), error),
    };

    private HistoryException Damaged(string detail) =>
        new(FilePath, $"the history database is damaged ({detail}); it was left unchanged: move it aside to start a new history, or choose another file with --history");

    /// <summary>SQLite's own words, without Microsoft.Data.Sqlite's "SQLite Error 8:" prefix.</summary>
    private static string Detail(SqliteException error)
    {
        var message = error.Message;
        var colon = message.IndexOf(": ", StringComparison.Ordinal);
        return message.StartsWith("SQLite Error", StringComparison.Ordinal) && colon > 0 ? message[(colon + 2)..].Trim('\'', '.', ' ') : message;
    }

    private sealed record ScanRow(long Id, DateTimeOffset Time, string? Commit, string? Branch, double? Overall, ReadinessLevel Level);
}
