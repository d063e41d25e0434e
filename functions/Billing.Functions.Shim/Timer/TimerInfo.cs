namespace Microsoft.Azure.Functions.Worker;

/// <summary>Mirrors Microsoft.Azure.Functions.Worker.Extensions.Timer: the timer payload a timer function receives.</summary>
public class TimerInfo
{
    /// <summary>Null when schedule monitoring is off (<see cref="TimerTriggerAttribute.UseMonitor"/>).</summary>
    public ScheduleStatus? ScheduleStatus { get; set; }

    /// <summary>True when this invocation makes up for a missed occurrence.</summary>
    public bool IsPastDue { get; set; }
}
