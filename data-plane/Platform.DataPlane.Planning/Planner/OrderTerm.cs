using Platform.DataPlane.Schema.Model;

namespace Platform.DataPlane.Planning.Planner;

/// <summary>One ORDER BY column of a connection. PostgreSQL's defaults apply: ascending puts nulls last, descending first.</summary>
public sealed record OrderTerm(ColumnModel Column, bool Descending);
