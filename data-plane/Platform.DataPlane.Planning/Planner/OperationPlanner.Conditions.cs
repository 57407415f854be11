using System.Text.Json;
using GraphQLParser.AST;
using Platform.DataPlane.Planning.Errors;
using Platform.DataPlane.Planning.Plans;
using Platform.DataPlane.Planning.Sql;
using Platform.DataPlane.Schema.Model;

namespace Platform.DataPlane.Planning.Planner;

public sealed partial class OperationPlanner
{
    /// <summary>
    /// Appends <c>and col = value</c> per condition field, <c>and col is null</c> for null values, nothing for a
    /// variable the request does not provide (its presence is part of the plan's cache key). A condition passed
    /// as a variable keeps its values as parameters; which keys it has and which are null is part of the plan's cache key.
    /// </summary>
    private static void WriteCondition(SqlBuilder sql, PlanContext context, TableModel table, SqlAlias row, GraphQLValue? condition)
    {
        switch (condition)
        {
            case null or GraphQLNullValue:
                return;
            case GraphQLObjectValue literal:
                foreach (var field in literal.Fields ?? [])
                {
                    var (target, type) = ConditionTarget(context, table, row, field.Name.StringValue);
                    if (field.Value is GraphQLVariable unset && !context.IsProvided(unset.Name.StringValue))
                    {
                        // As v4: a variable the request leaves out sets no condition; only an explicit null means IS NULL.
                        continue;
                    }

                    target(sql.Sql(" and "));
                    if (ValueWriter.IsAbsent(context, field.Value))
                    {
                        sql.Sql(NullTest(type));
                        continue;
                    }

                    sql.Sql(" = ");
                    ValueWriter.Write(sql, context, field.Value, type);
                }

                return;
            case GraphQLVariable variable:
                if (context.Variable(variable.Name.StringValue) is not { ValueKind: JsonValueKind.Object } json)
                {
                    return;
                }

                foreach (var property in json.EnumerateObject())
                {
                    var (target, type) = ConditionTarget(context, table, row, property.Name);
                    target(sql.Sql(" and "));
                    if (property.Value.ValueKind == JsonValueKind.Null)
                    {
                        sql.Sql(NullTest(type));
                        continue;
                    }

                    sql.Sql(" = ");
                    ValueWriter.WriteVariable(sql, new VariableParameter(variable.Name.StringValue, FormatOf(type), property.Name), type);
                }

                return;
            default:
                throw context.Error(ErrorCodes.ValidationFailed, $"condition must be a {table.ConditionTypeName} object.", condition);
        }
    }

    // A composite whose attributes are all null IS NULL too; only IS NOT DISTINCT FROM NULL finds the null value itself.
    private static string NullTest(Schema.Model.ValueType type) => type.HasComposite ? " is not distinct from null" : " is null";

    /// <summary>What a condition field compares: a column, or a <c>@filterable</c> computed column called on the row (as v4).</summary>
    private static (Action<SqlBuilder> Target, Schema.Model.ValueType Type) ConditionTarget(PlanContext context, TableModel table, SqlAlias row, string name)
    {
        if (table.Columns.FirstOrDefault(c => c.FieldName == name && c.Filterable) is { } column)
        {
            return (s => s.Column(row, column.Name), column.Type);
        }

        if (table.ComputedColumns.FirstOrDefault(f => f.FieldName == name && f.Filterable) is { } function)
        {
            return (s => s.QualifiedName(function.Function.Schema, function.Function.Name).Sql("(").WholeRow(row).Sql(")"), function.ReturnType!);
        }

        throw context.Error(ErrorCodes.ValidationFailed, $"Field \"{name}\" is not defined by type \"{table.ConditionTypeName}\".", null);
    }

    private static ValueFormat FormatOf(Schema.Model.ValueType type) =>
        type.IsList ? ValueFormat.Array : type.Kind == ScalarKind.Json ? ValueFormat.Json : ValueFormat.Scalar;
}
