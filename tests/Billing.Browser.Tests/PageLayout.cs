using Microsoft.Playwright;

namespace Billing.Browser.Tests;

/// <summary>What the pages' layout checks measure in the browser, shared by every page test.</summary>
public static class PageLayout
{
    /// <summary>Every element whose right edge lies beyond the viewport, and how wide the document scrolls.</summary>
    public static async Task<(int ScrollWidth, string[] Overflowing)> OverflowAsync(IPage page)
    {
        var result = await page.EvaluateAsync<System.Text.Json.JsonElement>("""
            () => {
              const w = document.documentElement.clientWidth;
              const bad = [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > w + 0.5)
                .map(e => `${e.tagName.toLowerCase()}#${e.id}.${e.className} right=${Math.round(e.getBoundingClientRect().right)}`);
              return { scrollWidth: document.documentElement.scrollWidth, bad };
            }
            """);
        return (result.GetProperty("scrollWidth").GetInt32(), result.GetProperty("bad").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }
}
