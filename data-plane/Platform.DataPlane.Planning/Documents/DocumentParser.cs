using System.Text;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Platform.DataPlane.Planning.Errors;

namespace Platform.DataPlane.Planning.Documents;

/// <summary>Parses a GraphQL document under the size and nesting limits, turning parser failures into request errors.</summary>
public static class DocumentParser
{
    public static GraphQLDocument Parse(string query, PlannerOptions options)
    {
        if (Encoding.UTF8.GetByteCount(query) > options.MaxDocumentBytes)
        {
            throw new GraphQLRequestException(ErrorCodes.DocumentTooLarge, $"The document is larger than {options.MaxDocumentBytes} bytes.");
        }

        if (string.IsNullOrWhiteSpace(query))
        {
            throw new GraphQLRequestException(ErrorCodes.ParseFailed, "The document is empty.");
        }

        try
        {
            // The parser's own nesting bound stops recursion bombs before any walk of ours; the
            // precise selection-depth limit is checked later against fields only.
            var document = Parser.Parse(query, new ParserOptions { Ignore = IgnoreOptions.Comments, MaxDepth = ParserDepthFor(options) });
            DirectiveArgsCompat.Apply(document);
            return document;
        }
        catch (GraphQLMaxDepthExceededException)
        {
            throw new GraphQLRequestException(ErrorCodes.DepthLimitExceeded, $"The document nests deeper than the limit of {options.MaxDepth}.");
        }
        catch (GraphQLSyntaxErrorException e)
        {
            throw new GraphQLRequestException(ErrorCodes.ParseFailed, "Syntax error: " + e.Description, e.Location.Line, e.Location.Column);
        }
        catch (GraphQLParserException e)
        {
            throw new GraphQLRequestException(ErrorCodes.ParseFailed, e.Message);
        }
    }

    // Each selection level costs the parser several nesting steps (selection set, field, arguments, values).
    private static int ParserDepthFor(PlannerOptions options) => Math.Max(64, (options.MaxDepth * 4) + 32);
}
