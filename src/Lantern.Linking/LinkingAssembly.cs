namespace Lantern.Linking;

/// <summary>Marks the identity-resolution library; it references nothing but the BCL.</summary>
public static class LinkingAssembly
{
    public const string Name = "Lantern.Linking";
}
