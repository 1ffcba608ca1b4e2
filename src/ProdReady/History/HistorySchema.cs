namespace ProdReady.History;

/// <summary>
/// The store's tables, versioned by <c>PRAGMA user_version</c>. Migrations only go forward: entry i takes a store
/// from version i to i + 1, and a released entry is never edited (add a new one instead).
/// </summary>
internal static class HistorySchema
{
    public static readonly IReadOnlyList<string> Migrations =
    [
        // 0 → 1: scans with their whole assessment JSON, plus per-category scores and per-control statuses so
        // queries never parse JSON. AUTOINCREMENT: a scan id, once shown to someone, never names another scan.
        """
        CREATE TABLE scans (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            time TEXT NOT NULL,
            commit_sha TEXT,
            branch TEXT,
            target TEXT NOT NULL,
            tool_version TEXT NOT NULL,
            overall REAL,
            level TEXT NOT NULL,
            assessment TEXT NOT NULL
        );
        CREATE INDEX scans_commit ON scans (commit_sha);
        CREATE TABLE scan_categories (
            scan_id INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
            category TEXT NOT NULL,
            value REAL,
            earned REAL NOT NULL,
            possible REAL NOT NULL,
            PRIMARY KEY (scan_id, category)
        ) WITHOUT ROWID;
        CREATE TABLE scan_controls (
            scan_id INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
            control_id TEXT NOT NULL,
            category TEXT NOT NULL,
            priority TEXT NOT NULL,
            status TEXT NOT NULL,
            title TEXT NOT NULL,
            PRIMARY KEY (scan_id, control_id)
        ) WITHOUT ROWID;
        """,
    ];

    /// <summary>The version this prodready writes and reads.</summary>
    public static int Latest => Migrations.Count;
}
