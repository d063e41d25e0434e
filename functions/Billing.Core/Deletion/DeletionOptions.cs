namespace Billing.Core.Deletion;

/// <summary>E1–E3 numbers, all configurable.</summary>
public sealed class DeletionOptions
{
    public int CandidateAfterDays { get; set; } = 40;
    public int InactiveDays { get; set; } = 30;
    public int NoticeDays { get; set; } = 10;
    /// <summary>Configuration binding appends to an array's defaults, so set this whole or not at all.</summary>
    public int[] ReminderDaysBefore { get; set; } = [3, 1];
    public int RestoreDays { get; set; } = 20;
}
