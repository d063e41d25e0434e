namespace Microsoft.Azure.Functions.Worker;

/// <summary>Mirrors Microsoft.Azure.Functions.Worker.Extensions.Timer: marks a timer-triggered parameter.</summary>
/// <remarks>The real base class is Extensions.Abstractions.TriggerBindingAttribute, whose usage (parameters) is restated here.</remarks>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class TimerTriggerAttribute : Attribute
{
    public TimerTriggerAttribute(string schedule)
    {
        Schedule = schedule;
        UseMonitor = true;
    }

    /// <summary>A six-field CRON expression, or a TimeSpan string (App Service plans only).</summary>
    public string Schedule { get; private set; }

    public bool UseMonitor { get; set; }

    public bool RunOnStartup { get; set; }
}
