using Microsoft.AspNetCore.Http;
using ProdReady.Model;
using ProdReady.Server.Store;

namespace ProdReady.Server.Dashboard;

/// <summary>
/// The portfolio page's query string: owner, tier, sort, dir and page. Anything it does not understand (an unknown
/// tier or sort, a page that is no number) falls back to the default, so an edited or stale link still shows a page.
/// </summary>
internal sealed record PortfolioRequest(string? Owner, string? Tier, PortfolioSort Sort, bool Descending, int Page)
{
    public const int PageSize = 50;

    /// <summary>Sort columns as the query string names them.</summary>
    public static readonly IReadOnlyList<(string Id, PortfolioSort Sort)> Sorts =
    [
        ("name", PortfolioSort.Name), ("owner", PortfolioSort.Owner), ("tier", PortfolioSort.Tier), ("level", PortfolioSort.Level),
        ("score", PortfolioSort.Score), ("p0", PortfolioSort.P0), ("scanned", PortfolioSort.LastScan),
    ];

    public static PortfolioRequest From(IQueryCollection query)
    {
        var owner = query["owner"].ToString() is { Length: > 0 } named ? named : null;
        var tier = Ids.Tier(query["tier"].ToString()) is { } known ? known.ToId() : null;
        var sort = Sorts.FirstOrDefault(entry => entry.Id == query["sort"].ToString(), Sorts[0]).Sort;
        var page = int.TryParse(query["page"].ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number >= 1 ? number : 1;
        return new PortfolioRequest(owner, tier, sort, query["dir"].ToString() == "desc", page);
    }

    public PortfolioQuery Query => new(Owner, Tier, Sort, Descending, Page, PageSize);

    /// <summary>This request's link with some values changed; defaults are left out so links stay short.</summary>
    public string Href(PortfolioSort? sort = null, bool? descending = null, int? page = null)
    {
        var parameters = new List<KeyValuePair<string, string?>>();
        if (Owner is not null)
        {
            parameters.Add(new("owner", Owner));
        }
        if (Tier is not null)
        {
            parameters.Add(new("tier", Tier));
        }
        var sorted = sort ?? Sort;
        if (sorted != PortfolioSort.Name)
        {
            parameters.Add(new("sort", Id(sorted)));
        }
        if (descending ?? Descending)
        {
            parameters.Add(new("dir", "desc"));
        }
        if ((page ?? Page) > 1)
        {
            parameters.Add(new("page", (page ?? Page).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        return "/" + QueryString.Create(parameters);
    }

    public static string Id(PortfolioSort sort) => Sorts.First(entry => entry.Sort == sort).Id;
}
