using Lantern.Domain.Partnership;
using Lantern.Security;
using Lantern.Testing;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Tests.Foundation;

/// <summary>
/// The keys that sign sign-in cookies and form tokens are stored in the database encrypted, with a certificate kept in
/// the data folder (owner-only), so a copy of the database alone cannot forge a sign-in; a restarted node reads them.
/// </summary>
public sealed class DataProtectionAtRestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Keys_StoredEncryptedWithTheDataFolderCertificate_AndReadBackByASecondNode()
    {
        await using var app = await TestApp.StartedAsync(TestDatabase.Sqlite, new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
        var signedIn = await app.SignInAsAsync(Role.Practitioner);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await signedIn.GetAsync(new Uri("/", UriKind.Relative), Ct)).StatusCode);

        var keys = await app.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync(Ct));
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
        var certificate = Path.Combine(app.DataDir, DataProtectionCertificate.FileName);
        Assert.True(File.Exists(certificate));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(certificate));
        }

        // Another node of the same deployment (same database and data folder) reads the stored key with the certificate:
        // it signs people in with it and makes no key of its own.
        await using var second = new TestApp(app);
        await second.InitializeAsync();
        var onSecond = await second.SignInAsAsync(Role.Practitioner);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await onSecond.GetAsync(new Uri("/", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(keys.Count, await second.WithDbAsync(db => db.DataProtectionKeys.CountAsync(Ct)));
    }
}
