using Platform.DataPlane.Execution;

namespace Platform.DataPlane.Grains.Projects;

public sealed record LoadedSchema(string CatalogVersion, GraphQLService Service, bool Restored);
