using System.Buffers;
using System.Text.Json;

namespace Platform.DataPlane.Execution.Jwt;

/// <summary>
/// The slow path, taken only by fields whose plan has JWT values: reads the field's JSON and writes it again with
/// each claims object at a planned path replaced by its signed token. Only planned paths are touched, so no value
/// that merely looks like claims (a JSON column, say) is ever signed.
/// </summary>
internal static class JwtTokenRewriter
{
    public static ReadOnlyMemory<byte>? Rewrite(ReadOnlyMemory<byte>? json, IReadOnlyList<IReadOnlyList<string>> paths, JwtTokenSigner signer)
    {
        if (json is not { } value)
        {
            return null;
        }

        var root = new PathNode();
        foreach (var path in paths)
        {
            var node = root;
            foreach (var key in path)
            {
                node = node.Child(key);
            }

            node.IsToken = true;
        }

        using var document = JsonDocument.Parse(value);
        var buffer = new ArrayBufferWriter<byte>(value.Length + 256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            Write(w, document.RootElement, root, signer);
        }

        return buffer.WrittenMemory;
    }

    private static void Write(Utf8JsonWriter w, JsonElement element, PathNode node, JwtTokenSigner signer)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            // Lists (connection nodes, edges, list results) do not appear in paths: the path goes on in every element.
            w.WriteStartArray();
            foreach (var item in element.EnumerateArray())
            {
                Write(w, item, node, signer);
            }

            w.WriteEndArray();
            return;
        }

        if (node.IsToken)
        {
            if (signer.Sign(element) is { } token)
            {
                w.WriteStringValue(token);
            }
            else
            {
                w.WriteNullValue();
            }

            return;
        }

        if (element.ValueKind != JsonValueKind.Object || node.Children is null)
        {
            element.WriteTo(w);
            return;
        }

        w.WriteStartObject();
        foreach (var property in element.EnumerateObject())
        {
            w.WritePropertyName(property.Name);
            if (node.Children.TryGetValue(property.Name, out var child))
            {
                Write(w, property.Value, child, signer);
            }
            else
            {
                property.Value.WriteTo(w);
            }
        }

        w.WriteEndObject();
    }

    private sealed class PathNode
    {
        public Dictionary<string, PathNode>? Children { get; private set; }

        public bool IsToken { get; set; }

        public PathNode Child(string key)
        {
            Children ??= new Dictionary<string, PathNode>(StringComparer.Ordinal);
            if (!Children.TryGetValue(key, out var child))
            {
                child = new PathNode();
                Children[key] = child;
            }

            return child;
        }
    }
}
