using ProdReady.Model;

namespace ProdReady.History;

/// <summary>One control's verdict in a past scan: enough to say whether it got better or worse.</summary>
public sealed record ControlSnapshot(string Id, string Title, string Category, Priority Priority, ResultStatus Status);
