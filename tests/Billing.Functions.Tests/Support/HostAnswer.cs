using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Billing.Functions.Tests.Support;

/// <summary>
/// An HTTP answer reduced to what both hosts must agree on: status, media type, redirect target, problem code, and the body's
/// shape — for JSON its member paths and value kinds (values differ with ids and times), for HTML its element structure, and
/// any other body (a style sheet, a CSV) as it is.
/// </summary>
public sealed partial record HostAnswer(int Status, string? MediaType, string? Location, string? ProblemCode, string Shape)
{
    public static HostAnswer Of(int status, string? contentType, string? location, byte[] body)
    {
        var media = contentType?.Split(';')[0].Trim();
        var text = System.Text.Encoding.UTF8.GetString(body);
        if (media is "application/json" or "application/problem+json" && text.Length > 0)
        {
            var json = JsonNode.Parse(text);
            var paths = new SortedSet<string>(StringComparer.Ordinal);
            Walk(json, "$", paths);
            return new HostAnswer(status, media, location, media == "application/problem+json" ? (string?)json?["code"] : null, string.Join(" ", paths));
        }
        if (media == "text/html") return new HostAnswer(status, media, location, null, string.Join(" ", Tag().Matches(text).Select(m => m.Groups[1].Value.ToLowerInvariant())));
        return new HostAnswer(status, media, location, null, text);
    }

    private static void Walk(JsonNode? node, string path, SortedSet<string> paths)
    {
        switch (node)
        {
            case JsonObject o:
                paths.Add(path + ":object");
                foreach (var (k, v) in o) Walk(v, $"{path}.{k}", paths);
                break;
            case JsonArray a:
                paths.Add(path + ":array");
                foreach (var item in a) Walk(item, path + "[]", paths);
                break;
            case null:
                paths.Add(path + ":null");
                break;
            default:
                paths.Add($"{path}:{node.GetValueKind()}".Replace("True", "Boolean").Replace("False", "Boolean"));
                break;
        }
    }

    [GeneratedRegex("<([a-zA-Z][a-zA-Z0-9-]*)")]
    private static partial Regex Tag();
}
