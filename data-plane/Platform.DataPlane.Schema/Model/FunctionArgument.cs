namespace Platform.DataPlane.Schema.Model;

public sealed record FunctionArgument(string FieldName, ValueType Type, bool HasDefault);
