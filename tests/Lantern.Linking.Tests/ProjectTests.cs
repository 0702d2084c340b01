namespace Lantern.Linking.Tests;

public sealed class ProjectTests
{
    [Fact]
    public void LinkingAssembly_ReferencesNoWebOrDataFramework()
    {
        var references = typeof(LinkingAssembly).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
        Assert.DoesNotContain(references, n => n.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }
}
