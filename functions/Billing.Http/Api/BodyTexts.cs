using System.Text.Json;
using Billing.Core.Validation;

namespace Billing.Http.Api;

/// <summary>
/// S2 for every JSON body at once: no string in it (a name, a description, a reason, a company detail, a template) holds a
/// control character or a bidirectional override (<see cref="PlainText"/>). Our bodies carry no field where either is
/// legitimate except multi-line texts, which a handler names (template bodies may hold newlines and tabs). The field
/// error names the JSON path (<c>passes[0].name</c>).
/// </summary>
public static class BodyTexts
{
    public static void Require(string json, IReadOnlySet<string>? multiLine = null)
    {
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = Json.ApiJson.Options.MaxDepth });
        Walk(doc.RootElement, "", multiLine);
    }

    private static void Walk(JsonElement e, string path, IReadOnlySet<string>? multiLine)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject()) Walk(p.Value, path.Length == 0 ? p.Name : $"{path}.{p.Name}", multiLine);
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in e.EnumerateArray()) Walk(item, $"{path}[{i++}]", multiLine);
                break;
            case JsonValueKind.String:
                string text;
                // A lone surrogate escape (\ud800) decodes to no string: it is not text either.
                try { text = e.GetString()!; }
                catch (InvalidOperationException) { throw PlainText.Invalid(path); }
                if (!PlainText.IsClean(text, multiLine?.Contains(path) == true)) throw PlainText.Invalid(path);
                break;
        }
    }
}
