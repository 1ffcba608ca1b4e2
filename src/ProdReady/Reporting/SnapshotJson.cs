using System.Globalization;
using System.Text.Json;
using ProdReady.History;
using ProdReady.Model;

namespace ProdReady.Reporting;

/// <summary>The fields history and diff JSON write for a scan and for a score.</summary>
internal static class SnapshotJson
{
    /// <summary>id, label, time, commit, branch, overall and level of one scan.</summary>
    public static void WriteHeader(Utf8JsonWriter json, ScanSnapshot scan)
    {
        if (scan.Id is long id)
        {
            json.WriteNumber("id", id);
        }
        else
        {
            json.WriteNull("id");
        }
        json.WriteString("label", scan.Label);
        json.WriteString("time", scan.Time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        WriteText(json, "commit", scan.Commit);
        WriteText(json, "branch", scan.Branch);
        WriteNumber(json, "overall", scan.Overall);
        json.WriteString("level", scan.Level.ToId());
    }

    public static void WriteNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is double number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    public static void WriteText(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
