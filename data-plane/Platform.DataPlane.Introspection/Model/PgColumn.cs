namespace Platform.DataPlane.Introspection.Model;

/// <summary>A column; <see cref="IdentityAlways"/> is false in snapshots taken before it was read, which only makes such columns optional in inputs.</summary>
public sealed record PgColumn(
    int Num,
    string Name,
    long TypeOid,
    int TypeMod,
    bool NotNull,
    bool HasDefault,
    string? Default,
    bool Generated,
    bool Identity,
    string? Comment,
    bool CanSelect,
    bool CanInsert,
    bool CanUpdate,
    bool IdentityAlways = false);
