namespace Platform.DataPlane.Planning.Plans;

/// <summary>
/// Where a statement parameter's value comes from at execution time. Records compare by value,
/// so a builder can bind one placeholder for every use of the same source.
/// </summary>
public abstract record ParameterSource;
