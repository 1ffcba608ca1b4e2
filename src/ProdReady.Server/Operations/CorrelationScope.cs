using System.Collections;

namespace ProdReady.Server.Operations;

/// <summary>The logging scope of a request: JSON logs show it as `{"CorrelationId": "..."}` in every line's Scopes.</summary>
internal sealed class CorrelationScope(string id) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public const string Name = "CorrelationId";

    public int Count => 1;

    public KeyValuePair<string, object?> this[int index] => index == 0 ? new(Name, id) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{Name}:{id}";
}
