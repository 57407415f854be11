namespace Platform.DataPlane.Schema.Model;

public sealed record EnumValueModel(string GraphQLName, string Label);
