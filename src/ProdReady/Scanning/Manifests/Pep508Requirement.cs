using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace ProdReady.Scanning.Manifests;

/// <summary>A PEP 508 requirement: <c>name[extras] (specifiers | @ url) ; markers</c>.</summary>
internal sealed record Pep508Requirement(string Name, string? Version)
{
    private const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    private static readonly Regex NameAndRest = new(@"^(?<name>[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*(?<rest>.*)$", Options);

    // One or more comparisons separated by commas, optionally in parentheses (an older form).
    private static readonly Regex Specifiers = new(
        @"^\(?\s*(?:~=|===|==|!=|<=|>=|<|>)\s*[A-Za-z0-9.*+!_-]+\s*(?:,\s*(?:~=|===|==|!=|<=|>=|<|>)\s*[A-Za-z0-9.*+!_-]+\s*)*\)?$", Options);

    /// <summary>Parses one requirement; false with a reason when it is not valid PEP 508.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out Pep508Requirement? requirement, [NotNullWhen(false)] out string? error)
    {
        requirement = null;
        var match = NameAndRest.Match(text.Trim());
        if (!match.Success)
        {
            error = $"'{text.Trim()}' is not a valid requirement (expected a package name)";
            return false;
        }
        var name = match.Groups["name"].Value;
        var rest = match.Groups["rest"].Value;
        if (rest.StartsWith('@'))
        {
            // name @ url: a direct reference has no version.
            requirement = new Pep508Requirement(name, null);
            error = null;
            return true;
        }
        var specifiers = rest.Split(';', 2)[0].Trim();
        if (specifiers.Length > 0 && !Specifiers.IsMatch(specifiers))
        {
            error = $"'{specifiers}' is not a valid version specifier for '{name}'";
            return false;
        }
        requirement = new Pep508Requirement(name, specifiers.Length > 0 ? specifiers.Trim('(', ')', ' ') : null);
        error = null;
        return true;
    }
}
