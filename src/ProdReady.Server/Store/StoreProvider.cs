namespace ProdReady.Server.Store;

/// <summary>The database the server keeps its portfolio in.</summary>
public enum StoreProvider
{
    /// <summary>An embedded file; the default, for one server.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, for several servers or large portfolios.</summary>
    Postgres,
}
