using Xunit;

namespace Platform.EndToEnd.Tests.ControlPlane;

/// <summary>The control-plane test classes share one set of processes (control plane, silo, gateway): starting them is the slow part.</summary>
[CollectionDefinition(Name)]
public sealed class ControlPlaneCollection : ICollectionFixture<ControlPlaneFixture>
{
    public const string Name = "control plane";
}
