namespace ProdReady.Server.Store;

/// <summary>
/// What a service may be called: it becomes part of URLs (/services/NAME), page titles and webhook payloads, so it
/// is kept short and printable. Letters of any script are fine; control characters, slashes and spaces at the ends are not.
/// </summary>
public static class ServiceNames
{
    public const int MaxLength = 200;

    /// <summary>Why <paramref name="name"/> cannot name a service, or null when it can.</summary>
    public static string? Problem(string name)
    {
        if (name.Length > MaxLength)
        {
            return $"{name.Length} characters; a service name has at most {MaxLength}";
        }
        if (name.Trim().Length != name.Length)
        {
            return "starts or ends with white space";
        }
        if (name.Any(c => char.IsControl(c) || c is '/' or '\\' or '?' or '#' or '%'))
        {
            return "contains a control character or one of / \\ ? # %, which a service name cannot";
        }
        return null;
    }
}
