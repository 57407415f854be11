using Platform.DataPlane.Schema.Model;

namespace Platform.DataPlane.Schema.Building;

/// <summary>
/// Finds GraphQL names that two database objects inflect to, and reports them with both sources,
/// so the owner can add a @name smart comment instead of facing a crash deep in schema construction.
/// </summary>
public static class NameCollisions
{
    public static readonly IReadOnlySet<string> ReservedTypeNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "Query", "Node", "PageInfo", "Cursor", "BigInt", "BigFloat", "Datetime", "Date", "Time", "UUID", "JSON", "Interval", "IntervalInput",
        "String", "Int", "Float", "Boolean", "ID",
    };

    /// <summary>Throws, naming the later of two claimants as the object to leave out (see <see cref="SchemaModelBuilder.Build"/>).</summary>
    public static void Check(SchemaModel model)
    {
        var typeNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var reserved in ReservedTypeNames)
        {
            typeNames[reserved] = "a built-in type";
        }

        foreach (var table in model.Tables)
        {
            var source = $"{Describe(table)}";
            var tableObject = CatalogObject.Class(table.Class);
            foreach (var name in new[] { table.TypeName, table.ConnectionTypeName, table.EdgeTypeName, table.OrderByTypeName, table.ConditionTypeName })
            {
                Claim(typeNames, name, source, "type", tableObject);
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            if (table.IsNode)
            {
                fields["nodeId"] = "the node identifier";
            }

            foreach (var c in table.Columns)
            {
                Claim(fields, c.FieldName, $"column {c.Name} of {source}", $"field of {table.TypeName}", CatalogObject.Column(table.Class, c.Column));
            }

            foreach (var f in table.ComputedColumns)
            {
                Claim(fields, f.FieldName, $"function {f.Function.Schema}.{f.Function.Name}", $"field of {table.TypeName}", CatalogObject.Function(f.Function));
                if (f.HasList)
                {
                    Claim(fields, f.ListFieldName, $"function {f.Function.Schema}.{f.Function.Name}", $"field of {table.TypeName}", CatalogObject.Function(f.Function));
                }
            }

            foreach (var r in table.ForwardRelations)
            {
                Claim(fields, r.FieldName, $"a foreign key to {Describe(r.Target)}", $"field of {table.TypeName}", CatalogObject.Constraint(r.ConstraintOid));
            }

            foreach (var r in table.BackwardRelations)
            {
                if (r.HasConnection)
                {
                    Claim(fields, r.FieldName, $"a foreign key from {Describe(r.Source)}", $"field of {table.TypeName}", CatalogObject.Constraint(r.ConstraintOid));
                }

                if (r.HasList)
                {
                    Claim(fields, r.ListFieldName, $"a foreign key from {Describe(r.Source)}", $"field of {table.TypeName}", CatalogObject.Constraint(r.ConstraintOid));
                }
            }
        }

        foreach (var c in model.Composites)
        {
            Claim(typeNames, c.GraphQLName, "composite type " + c.SqlType, "type", CatalogObject.Type(c.TypeOid));
            Claim(typeNames, c.InputTypeName, "composite type " + c.SqlType, "type", CatalogObject.Type(c.TypeOid));
        }

        var functions = model.QueryFunctions.Concat(model.Tables.SelectMany(t => t.ComputedColumns)).ToList();
        foreach (var f in functions.Concat(model.MutationFunctions).Where(f => f.ReturnType?.Composite is { IsFunctionRecord: true }))
        {
            Claim(typeNames, f.ReturnType!.GraphQLName, $"the result of function {f.Function.Schema}.{f.Function.Name}", "type", CatalogObject.Function(f.Function));
        }

        var setFunctions = functions.Where(f => f.Returns == FunctionReturn.SetOfScalars).ToList();
        // Every set of one composite type shares its connection, so it is claimed once, for the type.
        foreach (var c in setFunctions.Select(f => f.ReturnType!.Composite).OfType<CompositeModel>().Where(c => !c.IsFunctionRecord).Distinct())
        {
            Claim(typeNames, c.ConnectionTypeName, "composite type " + c.SqlType, "type", CatalogObject.Type(c.TypeOid));
            Claim(typeNames, c.EdgeTypeName, "composite type " + c.SqlType, "type", CatalogObject.Type(c.TypeOid));
        }

        foreach (var f in setFunctions.Where(f => f.ReturnType!.Composite is null or { IsFunctionRecord: true }))
        {
            Claim(typeNames, f.ScalarConnectionTypeName, $"function {f.Function.Schema}.{f.Function.Name}", "type", CatalogObject.Function(f.Function));
            Claim(typeNames, f.ScalarEdgeTypeName, $"function {f.Function.Schema}.{f.Function.Name}", "type", CatalogObject.Function(f.Function));
        }

        foreach (var e in model.Enums)
        {
            Claim(typeNames, e.GraphQLName, "enum " + e.SqlType, "type", CatalogObject.Type(e.TypeOid));
        }

        var query = new Dictionary<string, string>(StringComparer.Ordinal) { ["query"] = "built-in", ["nodeId"] = "built-in", ["node"] = "built-in" };
        foreach (var table in model.Tables)
        {
            if (!table.OmitAll && table.HasConnections)
            {
                Claim(query, table.AllFieldName, Describe(table), "query field", CatalogObject.Class(table.Class));
            }

            if (!table.OmitAll && table.HasLists)
            {
                Claim(query, table.AllListFieldName, Describe(table), "query field", CatalogObject.Class(table.Class));
            }

            foreach (var lookup in table.Lookups)
            {
                Claim(query, lookup.FieldName, $"a key of {Describe(table)}", "query field", CatalogObject.Constraint(lookup.ConstraintOid));
            }

            if (table.IsNode)
            {
                Claim(query, NodeFieldName(table), $"node lookup of {Describe(table)}", "query field", CatalogObject.Class(table.Class));
            }
        }

        foreach (var f in model.QueryFunctions)
        {
            Claim(query, f.FieldName, $"function {f.Function.Schema}.{f.Function.Name}", "query field", CatalogObject.Function(f.Function));
            if (f.HasList)
            {
                Claim(query, f.ListFieldName, $"function {f.Function.Schema}.{f.Function.Name}", "query field", CatalogObject.Function(f.Function));
            }
        }
    }

    /// <summary>The per-type node lookup, <c>event(nodeId: ID!)</c>.</summary>
    public static string NodeFieldName(TableModel table) => char.ToLowerInvariant(table.TypeName[0]) + table.TypeName[1..];

    private static string Describe(TableModel t) => $"{(t.Class.IsView ? "view" : "table")} {t.Schema}.{t.Name}";

    private static void Claim(Dictionary<string, string> names, string name, string source, string what, CatalogObject claimant)
    {
        if (!IsGraphQLName(name))
        {
            throw new SchemaBuildException(
                $"GraphQL {what} name \"{name}\" from {source} is not a valid GraphQL name (letters A-Z, digits and _ only); {source} is left out (rename it with a @name smart comment).",
                claimant);
        }

        if (!names.TryAdd(name, source))
        {
            throw new SchemaBuildException(
                $"GraphQL {what} name \"{name}\" comes from both {names[name]} and {source}; {source} is left out (rename one with a @name smart comment, or hide it with @omit).",
                claimant);
        }
    }

    private static bool IsGraphQLName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
