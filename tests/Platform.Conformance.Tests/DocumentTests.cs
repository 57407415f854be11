using Platform.Conformance.Tests.Harness;
using Xunit;

namespace Platform.Conformance.Tests;

/// <summary>
/// Every document of every conformance schema, sent to PostGraphile 4.14.1 and to the platform through its gateway:
/// the answers must be the same, except where the schema's conformance.json records why not.
/// </summary>
[Collection(ConformanceCollection.Name)]
public sealed class DocumentTests(ConformancePlatform platform)
{
    public static TheoryData<string, string> Documents()
    {
        var data = new TheoryData<string, string>();
        foreach (var schema in ConformanceSchema.All)
        {
            foreach (var document in schema.Documents())
            {
                data.Add(schema.Name, document.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Platform_answers_as_PostGraphile_4_14_1(string schema, string document)
    {
        var live = await platform.SchemaAsync(schema);
        var doc = live.Schema.Documents().Single(d => d.Name == document);
        var (reference, answer) = await live.RunAsync(doc);
        var differences = AnswerComparison.Differences(reference, answer, doc.ComparesMessages);
        var expected = live.Schema.ExpectedDifference(document);
        if (expected is null)
        {
            Assert.True(differences.Count == 0, $"{doc} differs:\n{string.Join('\n', differences)}\n{reference}\n{answer}");
        }
        else
        {
            Assert.True(differences.Count > 0, $"{doc} is listed as an expected difference ({expected}) but both answer the same now: remove it from conformance.json.\n{answer}");
        }
    }
}
