using System.ComponentModel.DataAnnotations;

namespace Billing.Core.WebSessions;

/// <summary>How long portal links and browser sessions live (P1): section <c>Portal</c>.</summary>
public sealed class WebSessionOptions
{
    public const string Section = "Portal";

    /// <summary>A link the CRM created must be opened within this time (15 min).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A session nobody used for this long is over (30 min).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "12:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>However active, a session ends after this long (12 h): a stolen cookie does not live forever.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00")]
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromHours(12);
}
