using Platform.DataPlane.SqlHttp.Sql;

namespace Platform.DataPlane.SqlHttp.Requests;

/// <summary>One statement to run: its text, its parameters as PostgreSQL input text (null is SQL NULL), and the row shape.</summary>
internal sealed record StatementRequest(string Query, IReadOnlyList<string?> Parameters, bool ArrayMode, SqlScan Scan);
