using Billing.Core.Jobs;
using Billing.Core.Storage;
using Billing.Core.Time;
using Microsoft.Extensions.Logging;

namespace Billing.Core.CustomerBilling;

/// <summary>
/// F8 timer: runs each of a tenant's enabled rules whose time has come. After downtime it runs only the latest
/// missed occurrence (one invoice per period anyway), then schedules the next from the rule's schedule.
/// </summary>
public sealed class MailingJob(AccountTransactions tx, MailingService mailing, ILogger<MailingJob> log) : IAccountJob
{
    public string Name => JobNames.CustomerMailing;

    public async Task<int> RunAsync(string accountId, DateTimeOffset asOf, CancellationToken ct)
    {
        var ran = 0;
        var head = await tx.Store.FindAsync(accountId, ct);
        if (head is null) return 0;
        var zone = LocalCalendar.Zone(head.Value.TimeZone);
        await foreach (var rule in mailing.RulesAsync(accountId, ct))
        {
            if (!rule.Enabled || rule.NextRunAt > asOf) continue;
            var occurrence = rule.NextRunAt;
            for (var next = rule.Schedule.NextAfter(occurrence, zone); next <= asOf; next = rule.Schedule.NextAfter(next, zone)) occurrence = next;
            if (occurrence != rule.NextRunAt)
                log.LogWarning("Mailing rule {RuleId} of {AccountId} missed occurrences since {Missed:o}; running the latest, {Occurrence:o}", rule.Id, accountId, rule.NextRunAt, occurrence);
            await mailing.RunRuleAsync(head.Value, rule, occurrence, ct);
            ran++;
            await AdvanceAsync(accountId, rule.Id, occurrence, rule.Schedule.NextAfter(occurrence, zone), ct);
        }
        return ran;
    }

    private async Task AdvanceAsync(string accountId, string ruleId, DateTimeOffset occurrence, DateTimeOffset next, CancellationToken ct)
    {
        var found = await tx.Store.FindRowAsync<MailingRule>(accountId, MailingRule.Prefix + ruleId, ct);
        // Edited meanwhile: the edit computed its own next run; an older occurrence must not move it back.
        if (found is null || found.Value.NextRunAt > occurrence) return;
        try
        {
            await tx.Store.CommitAsync(new AccountCommit(accountId, null, null,
                [new RowOp(found.Value with { NextRunAt = next, LastRunAt = occurrence }, RowWrite.Replace, found.ETag)]), ct);
        }
        catch (ConcurrencyException) { /* another instance advanced it, or the tenant edited it */ }
    }
}
