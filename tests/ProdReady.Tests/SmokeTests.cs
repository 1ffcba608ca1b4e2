namespace ProdReady.Tests;

public class SmokeTests
{
    [Fact]
    public void CategoriesAreKnown() => Assert.True(ProdReady.Model.Category.IsKnown("security"));
}
