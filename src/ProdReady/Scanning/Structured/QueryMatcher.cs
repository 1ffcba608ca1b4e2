using ProdReady.Catalog.Detectors;

namespace ProdReady.Scanning.Structured;

/// <summary>Applies a query's path and predicate to one document, producing the items evidence is made of.</summary>
public static class QueryMatcher
{
    public static IEnumerable<QueryItem> Match(QueryDetector query, Node document, string file, string text)
    {
        if (query.Each is null)
        {
            foreach (var node in query.Path.Select(document))
            {
                // For exists:false a selected node is the offending one; otherwise it counts when it satisfies.
                var satisfied = query.Predicate.Kind != QueryPredicateKind.Absent && Satisfies(node, query.Predicate);
                yield return new QueryItem(file, node.Line, TextLines.Excerpt(text, node.Line), satisfied);
            }
            yield break;
        }
        foreach (var item in query.Each.Select(document))
        {
            var selected = query.Path.Select(item).ToList();
            var hit = query.Predicate.Kind == QueryPredicateKind.Absent
                ? null
                : selected.FirstOrDefault(node => Satisfies(node, query.Predicate));
            var satisfied = query.Predicate.Kind == QueryPredicateKind.Absent ? selected.Count == 0 : hit is not null;
            var line = (hit ?? selected.FirstOrDefault() ?? item).Line;
            yield return new QueryItem(file, line, TextLines.Excerpt(text, line), satisfied);
        }
    }

    private static bool Satisfies(Node node, QueryPredicate predicate) => predicate.Kind switch
    {
        QueryPredicateKind.Exists => true,
        QueryPredicateKind.EqualsValue => node.Kind == NodeKind.Scalar && string.Equals(node.Value ?? "", predicate.Value, StringComparison.OrdinalIgnoreCase),
        QueryPredicateKind.Matches => node.Kind == NodeKind.Scalar && node.Value is { } text && predicate.Pattern!.IsMatch(text),
        QueryPredicateKind.Contains => node.Kind switch
        {
            NodeKind.Sequence => node.Items.Any(item => string.Equals(item.Value, predicate.Value, StringComparison.OrdinalIgnoreCase)),
            NodeKind.Scalar => node.Value?.Contains(predicate.Value!, StringComparison.OrdinalIgnoreCase) == true,
            _ => false,
        },
        _ => false,
    };
}
