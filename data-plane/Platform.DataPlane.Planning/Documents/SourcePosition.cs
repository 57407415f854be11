using GraphQLParser.AST;

namespace Platform.DataPlane.Planning.Documents;

/// <summary>Translates a node's character offset into the 1-based line and column the GraphQL spec reports.</summary>
internal static class SourcePosition
{
    public static (int Line, int Column) Of(GraphQLDocument document, ASTNode node)
    {
        var source = document.Source.Span;
        var end = Math.Min(node.Location.Start, source.Length);
        int line = 1, column = 1;
        for (var i = 0; i < end; i++)
        {
            if (source[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return (line, column);
    }
}
