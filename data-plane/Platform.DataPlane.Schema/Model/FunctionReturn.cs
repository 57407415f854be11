namespace Platform.DataPlane.Schema.Model;

/// <summary>What a function yields: one scalar, one row, a set of rows (a connection), or a set of scalars (a list).</summary>
public enum FunctionReturn
{
    Scalar,
    Row,
    SetOfRows,
    SetOfScalars,
}
