using System.Globalization;
using System.Text.Json;
using Billing.Core.Restrictions;
using Microsoft.Extensions.Options;

namespace Billing.Infrastructure.Holidays;

public sealed class HolidayOptions
{
    /// <summary>Folder of <c>CC.json</c> files, relative to the app's folder unless absolute.</summary>
    public string HolidaysPath { get; set; } = "holidays";
}

/// <summary>Public holidays from one JSON file per country (D3). A country without a file has weekends only.</summary>
public sealed class HolidayFiles : IHolidayCalendar
{
    private sealed record HolidayFile(string Country, string? Comment, List<string> Annual, List<string> Dates);

    private readonly Dictionary<string, (HashSet<string> Annual, HashSet<DateOnly> Dates)> _countries = new(StringComparer.OrdinalIgnoreCase);

    public HolidayFiles(IOptions<HolidayOptions> options)
    {
        var folder = Path.IsPathRooted(options.Value.HolidaysPath) ? options.Value.HolidaysPath : Path.Combine(AppContext.BaseDirectory, options.Value.HolidaysPath);
        if (!Directory.Exists(folder)) return;
        foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
        {
            var h = JsonSerializer.Deserialize<HolidayFile>(File.ReadAllText(file), new JsonSerializerOptions(JsonSerializerDefaults.Web))
                ?? throw new InvalidDataException($"{file}: empty");
            var annual = h.Annual.Select(d => DateOnly.ParseExact("2000-" + d, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("MM-dd", CultureInfo.InvariantCulture)).ToHashSet();
            var dates = h.Dates.Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToHashSet();
            _countries[h.Country] = (annual, dates);
        }
    }

    public bool IsHoliday(string country, DateOnly day) =>
        _countries.TryGetValue(country, out var c) && (c.Dates.Contains(day) || c.Annual.Contains(day.ToString("MM-dd", CultureInfo.InvariantCulture)));
}
