namespace Platform.DataPlane.Tests.Clustering;

/// <summary>A grain that tells which silo and which activation answered, so tests can see where calls land.</summary>
public interface IWhereAmIGrain : IGrainWithStringKey
{
    Task<SiloReport> Report();
}
