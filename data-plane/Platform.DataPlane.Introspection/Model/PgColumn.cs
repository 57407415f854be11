namespace Platform.DataPlane.Introspection.Model;

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
    bool CanUpdate);
