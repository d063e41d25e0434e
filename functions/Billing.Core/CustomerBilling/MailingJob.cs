using Billing.Core.Jobs;
using Billing.Core.Storage;
using Billing.Core.Time;
using Microsoft.Extensions.Logging;

namespace Billing.Core.CustomerBilling;

/// <summary>
/// F8 timer: runs each of a tenant's enabled rules whose time has come by the run's asOf. After downtime it runs only the
/// latest missed occurrence (one invoice per period anyway), then schedules the next from the rule's schedule.
/// </summary>
public sealed class MailingJob(AccountUnitOfWork uow, MailingService mailing, ILogger<MailingJob> log) : IAccountJob
{
    /// <summary>Every 15 minutes: mailing rules due by their own schedules in each tenant's time zone (F8).</summary>
    public const string Cron = "0 */15 * * * *";

    public string Name => JobNames.CustomerMailing;
    public string Schedule => Cron;

    public async Task<int> RunAsync(string accountId, JobContext job, CancellationToken ct)
    {
        var ran = 0;
        var head = await uow.Reader.FindAsync(accountId, ct);
        if (head is null) return 0;
        var zone = LocalCalendar.Zone(head.Value.TimeZone);
        await foreach (var stored in uow.Reader.ListAsync(accountId, MailingRule.All, ct))
        {
            // Rules follow the tenant's zone (F8): one planned in another zone moves to the same local time in this one.
            var rule = stored.InZone(head.Value.TimeZone);
            if (!rule.Enabled || rule.NextRunAt > job.AsOf)
            {
                if (rule.TimeZone != stored.TimeZone) await ReplanAsync(accountId, stored, rule, ct);
                continue;
            }
            var occurrence = rule.NextRunAt;
            for (var next = rule.Schedule.NextAfter(occurrence, zone); next <= job.AsOf; next = rule.Schedule.NextAfter(next, zone)) occurrence = next;
            if (occurrence != rule.NextRunAt)
                log.LogWarning("Mailing rule {RuleId} of {AccountId} missed occurrences since {Missed:o}; running the latest, {Occurrence:o}", rule.Id, accountId, rule.NextRunAt, occurrence);
            await mailing.RunRuleAsync(head.Value, rule, occurrence, ct);
            ran++;
            await AdvanceAsync(accountId, rule.Id, head.Value.TimeZone, occurrence, rule.Schedule.NextAfter(occurrence, zone), ct);
        }
        return ran;
    }

    /// <summary>Stores a rule's next run as planned in the tenant's current zone, unless the rule changed meanwhile.</summary>
    private Task ReplanAsync(string accountId, MailingRule stored, MailingRule planned, CancellationToken ct) =>
        uow.RunRowsAsync(accountId, async () =>
        {
            var found = await uow.Reader.GetAsync(accountId, MailingRule.Ref(stored.Id), ct);
            return found is null || found.Value.TimeZone != stored.TimeZone || found.Value.UpdatedAt != stored.UpdatedAt ? Decision<bool>.NoChange(false)
                : new Decision<bool>(AccountCommit.RowsOnly(accountId, new RowOp(planned, RowWrite.Replace, found.ETag)), true);
        }, ct);

    private Task AdvanceAsync(string accountId, string ruleId, string zone, DateTimeOffset occurrence, DateTimeOffset next, CancellationToken ct) =>
        uow.RunRowsAsync(accountId, async () =>
        {
            var found = await uow.Reader.GetAsync(accountId, MailingRule.Ref(ruleId), ct);
            // Edited meanwhile: the edit computed its own next run; an older occurrence must not move it back.
            return found is null || found.Value.InZone(zone).NextRunAt > occurrence ? Decision<bool>.NoChange(false)
                : new Decision<bool>(AccountCommit.RowsOnly(accountId,
                    new RowOp(found.Value with { NextRunAt = next, LastRunAt = occurrence, TimeZone = zone }, RowWrite.Replace, found.ETag)), true);
        }, ct);
}
