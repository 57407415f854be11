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
            if (function.Volatility == "v" || !function.CanExecute || function.HasOutputArguments)
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

            if (firstIsRow is not null)
            {
                firstIsRow.ComputedColumns.Add(model);
            }
            else
            {
                queryFunctions.Add(model);
            }
        }

        return queryFunctions;
    }

    /// <summary>VOLATILE functions the introspecting role may execute; they become mutations, never computed columns.</summary>
    private List<FunctionModel> MutationFunctions()
    {
        var result = new List<FunctionModel>();
        foreach (var function in InV4Order(snapshot.Functions).Where(f => f.Volatility == "v" && f.CanExecute && !f.HasOutputArguments))
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

        var returnTable = tablesByRowType.GetValueOrDefault(function.ReturnTypeOid);
        ValueType? returnType = null;
        FunctionReturn returns;
        if (returnTable is not null)
        {
            returns = function.ReturnsSet ? FunctionReturn.SetOfRows : FunctionReturn.Row;
        }
        else
        {
            returnType = types.Map(function.ReturnTypeOid);
            if (returnType is null)
            {
                return null;
            }

            returns = function.ReturnsSet ? FunctionReturn.SetOfScalars : FunctionReturn.Scalar;
        }

        var baseName = comment.Name ?? (computedOn is null ? function.Name : function.Name[(computedOn.Name.Length + 1)..]);
        return new FunctionModel(Inflector.CamelCase(baseName), function, arguments, returns, returnType, returnTable, comment.Description, comment.Deprecated);
    }
}
