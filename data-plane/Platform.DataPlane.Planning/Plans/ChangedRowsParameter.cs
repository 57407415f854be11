namespace Platform.DataPlane.Planning.Plans;

/// <summary>The text a mutation's first statement returned (its changed rows as an array), bound into the payload statement.</summary>
internal sealed record ChangedRowsParameter : ParameterSource
{
    public static readonly ChangedRowsParameter Instance = new();
}
