namespace ProdReady.History;

/// <summary>A category's score in a past scan; null when nothing applicable in it could be assessed.</summary>
public sealed record CategorySnapshot(string Name, double? Value);
