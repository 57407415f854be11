using Platform.DataPlane.Introspection.Model;
using Platform.DataPlane.Schema.Inflection;
using Platform.DataPlane.Schema.Model;
using ValueType = Platform.DataPlane.Schema.Model.ValueType;

namespace Platform.DataPlane.Schema.Building;

public sealed partial class SchemaModelBuilder
{
    /// <summary>Adds computed columns to their tables and returns the functions that become query fields.</summary>
    private List<FunctionModel> AddFunctions()
    {
        var queryFunctions = new List<FunctionModel>();
        foreach (var function in InV4Order(snapshot.Functions))
        {
            // VOLATILE functions are mutations (see MutationFunctions).
            if (function.Volatility == "v" || !function.CanExecute)
            {
                continue;
            }

            var comment = SmartComment.Parse(function.Comment);
            if (comment.Omits("read") || comment.Omits("execute"))
            {
                continue;
            }

            var firstIsRow = function.ArgTypeOids.Count > 0 && tablesByRowType.TryGetValue(function.ArgTypeOids[0], out var rowTable)
                && function.Schema == rowTable.Schema && function.Name.StartsWith(rowTable.Name + "_", StringComparison.Ordinal)
                ? rowTable
                : null;
            var model = FunctionModelOf(function, comment, firstIsRow);
            if (model is null)
            {
                continue;
            }

            model.SimpleCollections = comment.Tags.GetValueOrDefault("simpleCollections") ?? options.SimpleCollections;
            // v4 reads @sortable/@filterable on any function returning a set of table rows as orderBy/condition arguments.
            model.SetSortable = model.Returns == FunctionReturn.SetOfRows && comment.Tags.ContainsKey("sortable");
            model.SetFilterable = model.Returns == FunctionReturn.SetOfRows && comment.Tags.ContainsKey("filterable");
            if (firstIsRow is not null)
            {
                model.Filterable = comment.Tags.ContainsKey("filterable") && IsComparable(model);
                model.Sortable = comment.Tags.ContainsKey("sortable") && IsSortable(model);
                model.SortUnique = model.Sortable && comment.Tags.ContainsKey("isUnique");
                firstIsRow.ComputedColumns.Add(model);
            }
            else
            {
                queryFunctions.Add(model);
            }
        }

        return queryFunctions;
    }

    /// <summary>
    /// Whether a computed column can be a condition (v4's <c>@filterable</c>): one plain value per row, and no
    /// argument beyond the row without a default.
    /// </summary>
    private static bool IsComparable(FunctionModel function) =>
        function.Returns == FunctionReturn.Scalar && function.ReturnType is { IsList: false, Composite: null, Kind: not ScalarKind.JwtToken }
        && function.Arguments.All(a => a.HasDefault);

    /// <summary>
    /// Whether a computed column can order its table (v4's <c>@sortable</c>): it returns one plain value, not a set, an
    /// array, a row or a record. As v4, it is ordered by calling it with the row alone.
    /// </summary>
    private static bool IsSortable(FunctionModel function) =>
        function.Returns == FunctionReturn.Scalar && function.ReturnType is { IsList: false, Composite: null, Kind: not ScalarKind.JwtToken };

    /// <summary>VOLATILE functions the introspecting role may execute; they become mutations, never computed columns.</summary>
    private List<FunctionModel> MutationFunctions()
    {
        var result = new List<FunctionModel>();
        foreach (var function in InV4Order(snapshot.Functions).Where(f => f.Volatility == "v" && f.CanExecute))
        {
            var comment = SmartComment.Parse(function.Comment);
            if (comment.Omits("execute") || FunctionModelOf(function, comment, null) is not { } model)
            {
                continue;
            }

            result.Add(model);
        }

        return result;
    }

    /// <summary>v4's order of functions, which its query and mutation fields follow: by schema (oid), then name bytewise.</summary>
    private IEnumerable<PgFunction> InV4Order(IEnumerable<PgFunction> functions)
    {
        var schemaOids = snapshot.Schemas.ToDictionary(s => s.Name, s => s.Oid, StringComparer.Ordinal);
        return functions.OrderBy(f => schemaOids.GetValueOrDefault(f.Schema)).ThenBy(f => f.Name, StringComparer.Ordinal).ThenBy(f => f.Oid);
    }

    private FunctionModel? FunctionModelOf(PgFunction function, SmartComment comment, TableModel? computedOn)
    {
        var names = function.InputArgNames();
        var skip = computedOn is null ? 0 : 1;
        var arguments = new List<FunctionArgument>();
        var firstDefault = function.ArgTypeOids.Count - function.ArgDefaultCount;
        for (var i = skip; i < function.ArgTypeOids.Count; i++)
        {
            var type = types.Map(function.ArgTypeOids[i]);
            // PostGraphile v4 gives the JWT type no input form, so functions taking one are left out.
            if (type is null || type.Kind == ScalarKind.JwtToken)
            {
                return null;
            }

            var name = i < names.Count && names[i].Length > 0 ? Inflector.CamelCase(names[i]) : "arg" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            arguments.Add(new FunctionArgument(name, type, i >= firstDefault));
        }

        // As v4: a query or mutation function is named by @name; a computed column by @fieldName (taken as written),
        // its @name naming only the types derived from it (records, connections).
        var fieldName = computedOn is null
            ? Inflector.CamelCase(comment.Name ?? function.Name)
            : comment.Tags.TryGetValue("fieldName", out var tagged) && tagged.Length > 0 ? tagged : Inflector.CamelCase(function.Name[(computedOn.Name.Length + 1)..]);
        var returnTable = tablesByRowType.GetValueOrDefault(function.ReturnTypeOid);
        ValueType? returnType = null;
        FunctionReturn returns;
        if (returnTable is not null)
        {
            returns = function.ReturnsSet ? FunctionReturn.SetOfRows : FunctionReturn.Row;
        }
        else
        {
            returnType = function.ReturnTypeOid == RecordTypeOid ? RecordOf(function, comment, fieldName) : types.Map(function.ReturnTypeOid);
            if (returnType is null)
            {
                return null;
            }

            returns = function.ReturnsSet ? FunctionReturn.SetOfScalars : FunctionReturn.Scalar;
        }

        return new FunctionModel(fieldName, function, arguments, returns, returnType, returnTable, comment.Description, comment.Deprecated)
        {
            TypeStem = comment.Name ?? function.Name,
        };
    }

    private const long RecordTypeOid = 2249;

    /// <summary>
    /// The result of a function with two or more OUT, INOUT or TABLE arguments (PostgreSQL types it <c>record</c>), as
    /// v4 exposes it: an object type <c>&lt;Function&gt;Record</c> (or <c>@resultTypeName</c>) with one nullable field
    /// per output argument (<c>arg1</c>... when unnamed, read from PostgreSQL's <c>column1</c>...), and for a set a
    /// connection and edge named after the function. Null when an output argument has no GraphQL type.
    /// </summary>
    private ValueType? RecordOf(PgFunction function, SmartComment comment, string fieldName)
    {
        var functionName = comment.Name ?? function.Name;
        var attributes = new List<CompositeAttribute>();
        var outputs = function.OutputArguments();
        for (var i = 0; i < outputs.Count; i++)
        {
            if (types.Map(outputs[i].TypeOid) is not { } type)
            {
                return null;
            }

            var position = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var (name, column) = outputs[i].Name.Length > 0 ? (outputs[i].Name, outputs[i].Name) : ("arg" + position, "column" + position);
            attributes.Add(new CompositeAttribute(Inflector.CamelCase(name), column, type, null));
        }

        if (attributes.Count == 0)
        {
            return null;
        }

        var typeName = comment.Tags.TryGetValue("resultTypeName", out var renamed) && renamed.Length > 0 ? renamed : Inflector.PascalCase(functionName) + "Record";
        var description = $"The return type of our `{fieldName}` {(function.Volatility == "v" ? "mutation" : "query")}.";
        var record = new CompositeModel(typeName, typeName, "record", attributes, attributes.Select(a => a.Name).ToList(), description)
        {
            IsFunctionRecord = true,
            ConnectionTypeName = Inflector.PascalCase(functionName) + "Connection",
            EdgeTypeName = Inflector.PascalCase(Inflector.Singularize(functionName)) + "Edge",
        };
        records.Add(record);
        return new ValueType(ScalarKind.Composite, typeName, "record", Composite: record);
    }
}
