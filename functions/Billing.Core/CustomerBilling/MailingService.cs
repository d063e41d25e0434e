using System.Collections.Concurrent;
using Billing.Core.Storage;
using Billing.Core.Time;
using Billing.Core.Validation;
using Microsoft.Extensions.Logging;

namespace Billing.Core.CustomerBilling;

/// <summary>
/// F8, F10: mailing rules and their runs. A run bills each matching customer account once per period: the invoice id
/// is derived from rule, customer, account and period start, so no rerun, retry or second occurrence in the same
/// period can issue it twice. Each customer account gets a line saying what was issued and sent, or why it was skipped.
/// </summary>
public sealed class MailingService(AccountUnitOfWork uow, CustomerInvoiceService invoices, CustomerMessaging messaging,
    IEnumerable<ICustomerChannel> channels, CustomerBillingOptions options, TimeProvider clock, ILogger<MailingService> log)
{
    public async Task<MailingRule> SaveAsync(string accountId, MailingRule rule, bool create, CancellationToken ct)
    {
        rule.Schedule.Validate();
        rule.Filter.Validate();
        if (string.IsNullOrWhiteSpace(rule.Name) || rule.Name.Length > 200)
            throw BillingException.Invalid("rule_invalid", "'name' must be 1 to 200 characters.", new Dictionary<string, string[]> { ["name"] = ["1 to 200 characters."] });
        CustomerMessaging.RequireChannel(channels, rule.Channel);
        await messaging.TemplateAsync(accountId, rule.TemplateId, ct);
        var now = clock.GetUtcNow();
        return await uow.RunAsync(accountId, now, async head =>
        {
            var existing = await uow.Reader.GetAsync(accountId, MailingRule.Ref(rule.Id), ct);
            if (create && existing is not null) return Decision<MailingRule>.NoChange(existing.Value.InZone(head.Value.TimeZone));
            if (!create && existing is null) throw BillingException.NotFound("mailing_rule", rule.Id);
            var saved = rule with
            {
                UpdatedAt = now, NextRunAt = rule.Schedule.NextAfter(now, LocalCalendar.Zone(head.Value.TimeZone)), TimeZone = head.Value.TimeZone,
                LastRunAt = existing?.Value.LastRunAt,
            };
            return new Decision<MailingRule>(AccountCommit.RowsOnly(accountId,
                new RowOp(saved, existing is null ? RowWrite.Insert : RowWrite.Replace, existing?.ETag)), saved);
        }, ct);
    }

    /// <summary>A rule as planned in the tenant's current time zone (F8: schedules follow the zone, also after it changes).</summary>
    public async Task<Versioned<MailingRule>> GetAsync(string accountId, string ruleId, CancellationToken ct)
    {
        var zone = await ZoneAsync(accountId, ct);
        var found = await uow.Reader.GetAsync(accountId, MailingRule.Ref(Ids.Require(ruleId, "mailing_rule")), ct)
            ?? throw BillingException.NotFound("mailing_rule", ruleId);
        return found with { Value = found.Value.InZone(zone) };
    }

    /// <summary>The tenant's rules as planned in its current time zone.</summary>
    public async Task<IReadOnlyList<MailingRule>> RulesAsync(string accountId, CancellationToken ct)
    {
        var zone = await ZoneAsync(accountId, ct);
        return await RulesAsync(accountId, zone, ct).ToListAsync(ct);
    }

    /// <summary>The same, for a caller that holds the tenant's head already (the timer job).</summary>
    public IAsyncEnumerable<MailingRule> RulesAsync(string accountId, string zone, CancellationToken ct) =>
        uow.Reader.ListAsync(accountId, MailingRule.All, ct).Select(r => r.InZone(zone));

    private async Task<string> ZoneAsync(string accountId, CancellationToken ct) =>
        (await uow.Reader.FindAsync(accountId, ct) ?? throw BillingException.NotFound("account", accountId)).Value.TimeZone;

    public Task<Page<MailingRun>> RunsAsync(string accountId, string ruleId, int pageSize, string? token, CancellationToken ct) =>
        uow.Reader.PageAsync(accountId, MailingRun.OfRule(Ids.Require(ruleId, "mailing_rule")), [], pageSize, token, ct);

    public async Task<MailingRun> RunAsync(string accountId, string runId, CancellationToken ct) =>
        (await uow.Reader.GetAsync(accountId, MailingRun.Ref(RunIdOrThrow(runId)), ct))?.Value
        ?? throw BillingException.NotFound("mailing_run", runId);

    public Task<Page<MailingLine>> LinesAsync(string accountId, string runId, int pageSize, string? token, CancellationToken ct) =>
        uow.Reader.PageAsync(accountId, MailingLine.OfRun(RunIdOrThrow(runId)), [], pageSize, token, ct);

    public static string RunIdOf(string ruleId, DateTimeOffset occurrence) => FormattableString.Invariant($"{ruleId}-{occurrence.UtcDateTime:yyyyMMddHHmm}");

    /// <summary>Runs one occurrence of a rule. Rerunning the same occurrence resumes it: lines already written stand.</summary>
    public async Task<MailingRun> RunRuleAsync(string accountId, MailingRule rule, DateTimeOffset occurrence, CancellationToken ct) =>
        await RunRuleAsync((await uow.Reader.FindAsync(accountId, ct) ?? throw BillingException.NotFound("account", accountId)).Value, rule, occurrence, ct);

    /// <summary>The same, for a caller that holds the tenant's head already (the timer job).</summary>
    public async Task<MailingRun> RunRuleAsync(Accounts.Account tenant, MailingRule rule, DateTimeOffset occurrence, CancellationToken ct)
    {
        var accountId = tenant.Id;
        var day = LocalCalendar.Today(occurrence, tenant.TimeZone);
        var period = Periods.Of(day, rule.Period, rule.PeriodType);
        var runId = RunIdOf(rule.Id, occurrence);
        var started = clock.GetUtcNow();
        var run = (await uow.Reader.GetAsync(accountId, MailingRun.Ref(runId), ct))?.Value
            ?? new MailingRun { Id = runId, RuleId = rule.Id, Occurrence = occurrence, Day = day, PeriodStart = period.Start, PeriodEnd = period.End, StartedAt = started };
        MessageTemplate template;
        try { template = await messaging.TemplateAsync(accountId, rule.TemplateId, ct); }
        catch (BillingException e) when (e.Kind == ErrorKind.NotFound)
        {
            var failed = run with { Error = $"template '{rule.TemplateId}' no longer exists", FinishedAt = started };
            await Write(accountId, [new RowOp(failed, RowWrite.Upsert)], ct);
            log.LogError("Mailing rule {RuleId} of {AccountId}: template {TemplateId} is gone; nothing sent", rule.Id, accountId, rule.TemplateId);
            return failed;
        }
        // The run is stored before its first message is queued, so every delivery that ends finds it to count on.
        run = await BeginAsync(accountId, run, ct);
        var context = new RunContext(tenant, rule, template, run, period, day,
            await ExistingLinesAsync(accountId, runId, ct), rule.IssueWhenUnpaid ? new HashSet<(string, string)>() : await UnpaidAsync(accountId, ct));
        var results = new ConcurrentBag<IReadOnlyList<MailingLine>>();
        await Parallel.ForEachAsync(uow.Reader.ListAsync(accountId, Customer.All, ct),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MailingParallelism), CancellationToken = ct },
            async (customer, token) => results.Add(await CustomerAsync(accountId, context, customer, token)));
        var lines = results.SelectMany(l => l).ToList();
        var done = await FinishAsync(accountId, runId, r => r with
        {
            Customers = results.Count, Issued = lines.Count(l => l.Outcome == MailingOutcome.Issued),
            Messages = lines.Where(l => l.MessageId is not null).Select(l => l.MessageId).Distinct().Count(),
            Skipped = lines.Count(l => l.Outcome == MailingOutcome.Skipped), FinishedAt = clock.GetUtcNow(), Error = null,
        }, ct);
        log.LogInformation("Mailing rule {RuleId} of {AccountId}, run {RunId} for {Start:yyyy-MM-dd}…{End:yyyy-MM-dd}: {Customers} customers, {Issued} issued, {Messages} messages queued, {Skipped} skipped",
            rule.Id, accountId, runId, period.Start, period.End, done.Customers, done.Issued, done.Messages, done.Skipped);
        return done;
    }

    /// <summary>The run as stored: inserted when it is new, else as an earlier start of this occurrence left it.</summary>
    private Task<MailingRun> BeginAsync(string accountId, MailingRun run, CancellationToken ct) =>
        uow.RunRowsAsync(accountId, async () =>
            (await uow.Reader.GetAsync(accountId, MailingRun.Ref(run.Id), ct))?.Value is { } stored
                ? Decision<MailingRun>.NoChange(stored)
                : new Decision<MailingRun>(AccountCommit.RowsOnly(accountId, new RowOp(run, RowWrite.Insert)), run), ct);

    /// <summary>
    /// Writes the run's own counts over the stored run with If-Match: deliveries that ended meanwhile counted themselves
    /// (Sent, Failed) on the same row, and those counts stand.
    /// </summary>
    private Task<MailingRun> FinishAsync(string accountId, string runId, Func<MailingRun, MailingRun> finish, CancellationToken ct) =>
        uow.RunRowsAsync(accountId, async () =>
        {
            var stored = await uow.Reader.GetAsync(accountId, MailingRun.Ref(runId), ct) ?? throw new InvalidOperationException($"Run {runId} was not begun.");
            var done = finish(stored.Value);
            return new Decision<MailingRun>(AccountCommit.RowsOnly(accountId, new RowOp(done, RowWrite.Replace, stored.ETag)), done);
        }, ct);

    private sealed record RunContext(Accounts.Account Tenant, MailingRule Rule, MessageTemplate Template, MailingRun Run, Period Period, DateOnly Day,
        IReadOnlyDictionary<(string CustomerId, string Target), MailingLine> Existing, IReadOnlySet<(string, string)> Unpaid);

    private async Task<IReadOnlyList<MailingLine>> CustomerAsync(string accountId, RunContext x, Customer c, CancellationToken ct)
    {
        var rule = x.Rule;
        var now = clock.GetUtcNow();
        MailingLine Skip(TargetAccount t, string reason) => new()
        {
            RunId = x.Run.Id, CustomerId = c.Id, CustomerName = c.Name, Target = t.Key, Outcome = MailingOutcome.Skipped, Reason = reason, At = now,
        };
        var lines = new List<MailingLine>();
        var skipped = new List<MailingLine>();
        var bills = new List<BillView>();
        var drafts = new List<InvoiceDraft>();
        var targets = TargetsOf(c, rule.Accounts);
        var customerReason = rule.Filter.RejectCustomer(c) ?? (targets.Count == 0 ? SkipReasons.NoAccount : null);
        foreach (var target in customerReason is null ? targets : [TargetAccount.Base])
        {
            if (x.Existing.TryGetValue((c.Id, target.Key), out var done))
            {
                // This occurrence ran before and got this far: its line stands, and its invoice is listed again in a combined message.
                lines.Add(done);
                if (done.InvoiceId is not null && await uow.Reader.GetAsync(accountId, CustomerInvoice.Ref(done.InvoiceId), ct) is { } prior)
                    bills.Add(new BillView(prior.Value, invoices.PublicUrl(prior.Value)));
                continue;
            }
            var calc = rule.Method == MailingMethod.Forecast
                ? InvoiceAmounts.Forecast(c, target, x.Period, rule.Filter.IncludesPass)
                : InvoiceAmounts.Subscription(c, target, rule.Filter.IncludesPass);
            var id = Ids.FromKey(CustomerInvoice.IdPrefix, FormattableString.Invariant($"{accountId}/rule/{rule.Id}/{c.Id}/{target.Key}/{x.Period.Start:yyyy-MM-dd}"));
            var reason = customerReason
                ?? rule.Filter.RejectAccount(c, target, x.Day)
                ?? (x.Unpaid.Contains((c.Id, target.Key)) ? SkipReasons.UnpaidInvoice : null)
                ?? (CustomerMessaging.Contact(c, rule.Channel) is null ? SkipReasons.NoContact : null)
                ?? (calc.Amount <= 0 ? SkipReasons.NothingToPay : null)
                ?? (await uow.Reader.GetAsync(accountId, CustomerInvoice.Ref(id), ct) is not null ? SkipReasons.AlreadyIssued : null);
            if (reason is not null) skipped.Add(Skip(target, reason));
            else drafts.Add(new InvoiceDraft(id, c, rule.Method == MailingMethod.Forecast ? CalculationType.Forecast : CalculationType.Subscription,
                target, calc, x.Period, x.Day, Periods.PayableUntil(rule.Due, x.Day), rule.Repeatable, "rule:" + rule.Id, rule.Id));
        }

        // One message per invoice, or, when the template lists the customer's bills, one with all of them, sent with the last.
        var combined = TemplateTags.ListsCustomerBills(x.Template.Subject + x.Template.Body);
        for (var i = 0; i < drafts.Count; i++)
        {
            var d = drafts[i];
            var sendNow = !combined || i == drafts.Count - 1;
            // A combined message is queued with the customer's last invoice; every line it carries names it from the start.
            var messageId = $"msg-{x.Run.Id}-{c.Id}-{(combined ? "all" : d.Target.Key)}";
            MailingLine? issued = null;
            var (invoice, created) = await invoices.IssueAsync(accountId, d, invoice =>
            {
                // Runs again on a lost race: it builds rows from its arguments and changes nothing outside.
                var bill = new BillView(invoice, invoices.PublicUrl(invoice));
                var message = sendNow
                    ? CustomerMessaging.Compose(x.Tenant, messageId, rule.Channel, c, x.Template, combined ? [.. bills, bill] : [bill], now, x.Run.Id)
                    : null;
                issued = new MailingLine
                {
                    RunId = x.Run.Id, CustomerId = c.Id, CustomerName = c.Name, Target = d.Target.Key, Outcome = MailingOutcome.Issued,
                    InvoiceId = invoice.Id, InvoiceNumber = invoice.Number, Amount = invoice.Amount, MessageId = messageId, Delivery = DeliveryStatus.Queued,
                    At = now,
                };
                return message is null ? [new RowOp(issued, RowWrite.Insert)] : [new RowOp(issued, RowWrite.Insert), new RowOp(message, RowWrite.Insert)];
            }, ct);
            // Not created: the invoice appeared between the check and the write (a concurrent run of this occurrence issued it).
            if (!created || issued is null) { skipped.Add(Skip(d.Target, SkipReasons.AlreadyIssued)); continue; }
            bills.Add(new BillView(invoice, invoices.PublicUrl(invoice)));
            lines.Add(issued);
        }
        if (skipped.Count > 0) await Write(accountId, skipped.Select(l => new RowOp(l, RowWrite.Upsert)).ToList(), ct);
        return [.. lines, .. skipped];
    }

    private static IReadOnlyList<TargetAccount> TargetsOf(Customer c, AccountScope scope)
    {
        var passes = c.Passes.Where(p => p.SeparateAccount).Select(p => new TargetAccount(p.Id));
        var hasBase = c.Passes.Any(p => !p.SeparateAccount);
        return scope switch
        {
            AccountScope.Base => hasBase ? [TargetAccount.Base] : [],
            AccountScope.Pass => passes.ToList(),
            _ => (hasBase ? passes.Prepend(TargetAccount.Base) : passes).ToList(),
        };
    }

    private async Task<IReadOnlyDictionary<(string CustomerId, string Target), MailingLine>> ExistingLinesAsync(string accountId, string runId, CancellationToken ct)
    {
        var lines = new Dictionary<(string, string), MailingLine>();
        await foreach (var l in uow.Reader.ListAsync(accountId, MailingLine.OfRun(runId), ct)) lines[(l.CustomerId, l.Target)] = l;
        return lines;
    }

    private async Task<IReadOnlySet<(string, string)>> UnpaidAsync(string accountId, CancellationToken ct)
    {
        var unpaid = new HashSet<(string, string)>();
        string? token = null;
        do
        {
            var page = await invoices.ListAsync(accountId, new CustomerInvoiceQuery(CustomerInvoiceStatus.AwaitingPayment, null, null, null), 1000, token, ct);
            foreach (var i in page.Items) unpaid.Add((i.CustomerId, i.Target));
            token = page.ContinuationToken;
        } while (token is not null);
        return unpaid;
    }

    private async Task Write(string accountId, IReadOnlyList<RowOp> rows, CancellationToken ct)
    {
        foreach (var chunk in rows.Chunk(AccountCommit.MaxOperations))
            await uow.RunRowsAsync(accountId, () => Task.FromResult(new Decision<bool>(AccountCommit.RowsOnly(accountId, chunk), true)), ct);
    }

    private static string RunIdOrThrow(string runId) =>
        runId.Length is > 0 and <= 100 && runId.All(ch => ch is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-')
            ? runId : throw BillingException.NotFound("mailing_run", runId.Length > 64 ? runId[..64] : runId);
}
