namespace Platform.DataPlane.SqlHttp.Requests;

/// <summary>The request cannot be run as sent; answered 400 <c>BAD_REQUEST</c> before any database work.</summary>
internal sealed class BadRequestException : Exception
{
    public BadRequestException()
    {
    }

    public BadRequestException(string message)
        : base(message)
    {
    }

    public BadRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BadRequestException(string message, int? statementIndex)
        : base(message)
    {
        StatementIndex = statementIndex;
    }

    public int? StatementIndex { get; }
}
