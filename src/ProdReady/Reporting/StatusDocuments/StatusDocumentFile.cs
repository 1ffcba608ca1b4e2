using System.Text;
using ProdReady.Model;

namespace ProdReady.Reporting.StatusDocuments;

public enum StatusDocumentOutcome
{
    Created,
    Updated,

    /// <summary>Nothing changed; the file was not written (its bytes and modification time are as they were).</summary>
    Unchanged,

    /// <summary>The file was left as it was; <see cref="StatusDocumentWrite.Problem"/> says why.</summary>
    Refused,
}

public sealed record StatusDocumentWrite(StatusDocumentOutcome Outcome, Diagnostic? Problem = null);

/// <summary>Creates or updates a status document on disk: read whole, merged, written whole or not at all (temp file, then move).</summary>
public static class StatusDocumentFile
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static StatusDocumentWrite Update(string path, Func<DateOnly, IReadOnlyList<GeneratedSection>> render, DateOnly today)
    {
        string? existing;
        try
        {
            // Decoded without dropping a byte-order mark, so writing it back gives the same bytes.
            existing = File.Exists(path) ? Strict.GetString(File.ReadAllBytes(path)) : null;
        }
        catch (DecoderFallbackException)
        {
            return Refused(path, "is not UTF-8 text; left unchanged");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Refused(path, $"cannot read: {e.Message}");
        }
        var update = StatusDocumentUpdater.Apply(existing, path, render, today);
        if (update.Problem is { } problem)
        {
            return new StatusDocumentWrite(StatusDocumentOutcome.Refused, problem);
        }
        if (!update.Changed)
        {
            return new StatusDocumentWrite(StatusDocumentOutcome.Unchanged);
        }
        var temporary = path + ".tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllBytes(temporary, Strict.GetBytes(update.Text));
            File.Move(temporary, path, overwrite: true);
            return new StatusDocumentWrite(existing is null ? StatusDocumentOutcome.Created : StatusDocumentOutcome.Updated);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            return Refused(path, $"cannot write: {e.Message}");
        }
    }

    private static StatusDocumentWrite Refused(string path, string message) =>
        new(StatusDocumentOutcome.Refused, Diagnostic.Error(path, 0, message));

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The temp file was never created where the folder cannot be.
        }
    }
}
