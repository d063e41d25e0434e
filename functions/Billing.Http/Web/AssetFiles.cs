using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace Billing.Http.Web;

/// <summary>
/// The pages' own files (P1: no CDN), embedded in this assembly and served the same way by both hosts: known names only,
/// each with its type, an ETag of its content and a short cache, never sniffed.
/// </summary>
public sealed class AssetFiles
{
    private static readonly FrozenDictionary<string, (byte[] Bytes, string Type, string ETag)> Files = Load();

    public IResult Get(HttpRequest req, string file)
    {
        if (!Files.TryGetValue(file, out var f)) return Results.NotFound();
        var response = req.HttpContext.Response;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "public, max-age=300";
        response.Headers.ETag = f.ETag;
        if (req.Headers.IfNoneMatch.ToString() == f.ETag) return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(f.Bytes, f.Type);
    }

    private static FrozenDictionary<string, (byte[], string, string)> Load()
    {
        const string prefix = "Billing.Http.Assets.";
        var assembly = typeof(AssetFiles).Assembly;
        return assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).ToFrozenDictionary(
            n => n[prefix.Length..],
            n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                var bytes = copy.ToArray();
                var type = Path.GetExtension(n) switch
                {
                    ".css" => "text/css; charset=utf-8",
                    ".svg" => "image/svg+xml",
                    _ => "text/javascript; charset=utf-8",
                };
                return (bytes, type, "\"" + Core.Validation.Ids.Hash(Convert.ToBase64String(bytes))[..16] + "\"");
            });
    }
}
