using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ProdReady.Reporting.Html;

/// <summary>
/// Escaping for the HTML page, which is also well-formed XML: every piece of text from the scan (titles, reasons,
/// file names, excerpts, URLs) goes through <see cref="Escape"/>, in element text and in quoted attribute values.
/// </summary>
public static class HtmlText
{
    /// <summary>
    /// The text with &amp; &lt; &gt; " ' escaped. Characters XML forbids (control characters, lone surrogates) become
    /// U+FFFD, so an excerpt of a binary-ish line cannot make the page unreadable.
    /// </summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var rune in text.EnumerateRunes())
        {
            escaped.Append(rune.Value switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                '\t' or '\n' or '\r' => rune.ToString(),
                < 0x20 or 0xFFFE or 0xFFFF => "\uFFFD",
                _ => rune.ToString(),
            });
        }
        return escaped.ToString();
    }

    /// <summary>A number as the page shows it and as SVG geometry needs it: invariant, at most two decimals.</summary>
    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>An absolute http(s) address as a link; anything else (a relative path, a javascript: URL) as text.</summary>
    public static string LinkOrText(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? $"<a href=\"{Escape(text)}\" rel=\"noreferrer\">{Escape(text)}</a>"
            : Escape(text);

    public static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>The Content-Security-Policy source that allows an inline style or script with exactly this content.</summary>
    public static string CspHash(string content) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}
