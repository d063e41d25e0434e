using System.ComponentModel.DataAnnotations;

namespace Billing.Core.Deletion;

/// <summary>E1–E3 numbers, all configurable.</summary>
public sealed class DeletionOptions
{
    public const string Section = "Deletion";

    [Range(1, 3650)] public int CandidateAfterDays { get; set; } = 40;
    [Range(1, 3650)] public int InactiveDays { get; set; } = 30;
    [Range(1, 365)] public int NoticeDays { get; set; } = 10;
    /// <summary>Configuration binding appends to an array's defaults, so set this whole or not at all.</summary>
    public int[] ReminderDaysBefore { get; set; } = [3, 1];
    [Range(0, 3650)] public int RestoreDays { get; set; } = 20;

    /// <summary>Reminders fall inside the notice period.</summary>
    public string? Problem() => ReminderDaysBefore.All(d => d >= 1 && d < NoticeDays) ? null
        : $"Deletion: every ReminderDaysBefore value must be between 1 and NoticeDays - 1 ({NoticeDays - 1}).";
}
