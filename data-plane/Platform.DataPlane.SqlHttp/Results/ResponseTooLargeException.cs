namespace Platform.DataPlane.SqlHttp.Results;

/// <summary>The response passed <see cref="SqlHttpOptions.MaxResponseBytes"/>; reading stops where it was noticed.</summary>
internal sealed class ResponseTooLargeException : Exception
{
    public ResponseTooLargeException()
    {
    }

    public ResponseTooLargeException(string message)
        : base(message)
    {
    }

    public ResponseTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
