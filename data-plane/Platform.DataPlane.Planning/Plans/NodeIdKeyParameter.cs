namespace Platform.DataPlane.Planning.Plans;

/// <summary>
/// One primary key value inside a PostGraphile v4 node id passed as a variable, decoded when parameters are bound, so
/// one plan serves every id of its table. The plan cache keys the plan on the table the id names
/// (<see cref="NodeIdVariable"/>): a plan only ever binds ids of that table with its number of keys.
/// </summary>
internal sealed record NodeIdKeyParameter(VariableParameter NodeId, int Index) : ParameterSource;
