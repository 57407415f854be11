namespace Platform.Bench;

public sealed record LoadResult(string Name, int Concurrency, double RequestsPerSecond, double P50Micros, double P99Micros, int Errors);
