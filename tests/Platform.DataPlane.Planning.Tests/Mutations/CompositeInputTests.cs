using System.Text.Json;
using Platform.DataPlane.Planning.Tests.Support;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Mutations;

/// <summary>Composite input types (<c>AddressInput</c>) in creates, patches and function mutations, checked in the database.</summary>
public sealed class CompositeInputTests(ForumFixture forum) : IClassFixture<ForumFixture>
{
    // Characters that need quoting inside an array literal, to show the value never passes through one built by hand.
    private static readonly string[] Lines = ["a,b", "{c}"];

    [Fact]
    public async Task Create_stores_nested_composites_arrays_and_enums_from_a_variable()
    {
        var result = await forum.Client.QueryAsync("""
            mutation($contact: ContactInput!) { createContact(input: { contact: $contact }) { contact { id address { city } } } }
            """, new
        {
            contact = new
            {
                name = "Variable",
                address = new { street = "1 \"Quoted\" Lane", city = "Rotorua", kind = "POST_BOX", location = new { lat = -38.1, lng = 176.2 }, lines = Lines, postCode = 3010 },
                previousAddresses = new object?[] { new { city = "Taupō" }, null, new { city = "Levin", kind = "WORK" } },
            },
        });
        var id = result.Data("createContact").GetProperty("contact").GetProperty("id").GetInt32();
        var stored = await Reference.ColumnAsync<string>(forum.Database.DataSource,
            $"select concat_ws('|', (address).street, (address).city, (address).kind, ((address).location).lat, (address).lines, (address).post_code, previous_addresses) from contact where id = {id}");
        Assert.Equal("1 \"Quoted\" Lane|Rotorua|post box|-38.1|{\"a,b\",\"{c}\"}|3010|{\"(,Taupō,,,,)\",NULL,\"(,Levin,work,,,)\"}", stored[0]);
    }

    [Fact]
    public async Task A_patch_sets_a_composite_or_clears_it_with_null()
    {
        var created = await forum.Client.QueryAsync("""mutation { createContact(input: { contact: { name: "P", address: { city: "Before" } } }) { contact { id } } }""");
        var id = created.Data("createContact").GetProperty("contact").GetProperty("id").GetInt32();
        var patched = await forum.Client.QueryAsync(
            "mutation($id: Int!, $a: AddressInput) { updateContactById(input: { id: $id, contactPatch: { address: $a } }) { contact { address { city kind } } } }",
            new { id, a = new { city = "After", kind = "HOME" } });
        Assert.Equal("After", patched.Data("updateContactById").GetProperty("contact").GetProperty("address").GetProperty("city").GetString());
        var cleared = await forum.Client.QueryAsync(
            "mutation($id: Int!, $a: AddressInput) { updateContactById(input: { id: $id, contactPatch: { address: $a } }) { contact { address { city } } } }",
            new { id, a = (object?)null });
        Assert.Equal(JsonValueKind.Null, cleared.Data("updateContactById").GetProperty("contact").GetProperty("address").ValueKind);
        Assert.Equal([true], await Reference.ColumnAsync<bool>(forum.Database.DataSource, $"select address is not distinct from null from contact where id = {id}"));
    }

    [Fact]
    public async Task A_volatile_function_takes_and_returns_a_composite()
    {
        var result = await forum.Client.QueryAsync("""
            mutation { moveContact(input: { clientMutationId: "m", contactId: 1, newAddress: { city: "Hamilton", location: { lat: -37.8, lng: 175.3 } } }) {
              clientMutationId address { city location { lng } } } }
            """);
        var payload = result.Data("moveContact");
        Assert.Equal("m", payload.GetProperty("clientMutationId").GetString());
        Assert.Equal("Hamilton", payload.GetProperty("address").GetProperty("city").GetString());
        Assert.Equal(175.3, payload.GetProperty("address").GetProperty("location").GetProperty("lng").GetDouble());
        Assert.Equal(["Wellington"], await Reference.ColumnAsync<string>(forum.Database.DataSource, "select (previous_addresses[1]).city from contact where id = 1"));
    }
}
