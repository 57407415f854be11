namespace Platform.Metadata.Deployments;

public sealed record DeploymentLogLine(int Seq, DateTimeOffset At, string Text);
