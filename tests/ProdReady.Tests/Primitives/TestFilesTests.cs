using ProdReady.Scanning.Paths;

namespace ProdReady.Tests.Primitives;

public class TestFilesTests
{
    [Theory]
    [InlineData("common/unit_test.go")]
    [InlineData("pkg/parser/testdata/server.key")]
    [InlineData("backend/tests/api/routes/test_items.py")]
    [InlineData("app/test_models.py")]
    [InlineData("app/models_test.py")]
    [InlineData("conftest.py")]
    [InlineData("src/test/java/org/acme/ClinicServiceTests.java")]
    [InlineData("src/main/java/org/acme/OwnerControllerTest.java")]
    [InlineData("src/Ordering.UnitTests/Application/OrderTests.cs")]
    [InlineData("src/app/users.service.spec.ts")]
    [InlineData("src/app/users.test.tsx")]
    [InlineData("web/__tests__/render.js")]
    [InlineData("e2e/login.ts")]
    [InlineData("spec/fixtures/keys.json")]
    public void RecognisesTestCodeAndTestData(string path) => Assert.True(TestFiles.IsTest(path));

    [Theory]
    [InlineData("backend/app/tests_pre_start.py")]
    [InlineData("src/main/java/org/acme/Manifest.java")]
    [InlineData("src/Api/Latest.cs")]
    [InlineData("src/contest/handler.go")]
    [InlineData("internal/testing_helpers.go")]
    [InlineData("src/latest.ts")]
    [InlineData("test.go")]
    public void LeavesProductionCodeAlone(string path) => Assert.False(TestFiles.IsTest(path));
}
