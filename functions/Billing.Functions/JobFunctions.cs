using Billing.Core.Payments;
using Azure.Storage.Queues.Models;
using Billing.Core.Charging;
using Billing.Core.CustomerBilling;
using Billing.Core.Deletion;
using Billing.Core.Idempotency;
using Billing.Core.Jobs;
using Billing.Core.Notifications;
using Billing.Core.Restrictions;
using Billing.Core.Services;
using Billing.Http.Jobs;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions;

/// <summary>
/// One timer per job of the job table, on the job's own schedule constant: it starts a run as of the occurrence that was
/// due (one queue message per shard); the queue trigger runs one shard, and the outbox trigger delivers one message.
/// </summary>
public sealed class JobFunctions(JobTimers timers, JobQueueHandler shards, OutboxQueueHandler outbox)
{
    [Function("DailyChargeTimer")]
    public Task DailyCharge([TimerTrigger(DailyChargeJob.Cron)] TimerInfo timer, CancellationToken ct) => timers.FireAsync(JobNames.DailyCharge, timer.IsPastDue, ct);

    [Function("MonthlyPostpaidTimer")]
    public Task MonthlyPostpaid([TimerTrigger(MonthlyPostpaidJob.Cron)] TimerInfo timer, CancellationToken ct) => timers.FireAsync(JobNames.MonthlyPostpaid, timer.IsPastDue, ct);

    [Function("ServiceRenewalTimer")]
    public Task ServiceRenewal([TimerTrigger(ServiceRenewalJob.Cron)] TimerInfo timer, CancellationToken ct) => timers.FireAsync(JobNames.ServiceRenewal, timer.IsPastDue, ct);

    [Function("RestrictionsTimer")]
    public Task Restrictions([TimerTrigger(RestrictionJob.Cron)] TimerInfo timer, CancellationToken ct) => timers.FireAsync(JobNames.Restrictions, timer.IsPastDue, ct);

    [Function("DeletionTimer")]
    public Task Deletion([TimerTrigger(DeletionJob.Cron)] TimerInfo timer, CancellationToken ct) => timers.FireAsync(JobNames.Deletion, timer.IsPastDue, ct);

    [Function("OutboxSweepTimer")]
    public Task OutboxSweep([TimerTrigger(OutboxSweepJob.Cron)] TimerInfo timer, CancellationToken ct) => timers.FireAsync(JobNames.OutboxSweep, timer.IsPastDue, ct);

    [Function("CustomerMailingTimer")]
    public Task CustomerMailing([TimerTrigger(MailingJob.Cron)] TimerInfo timer, CancellationToken ct) => timers.FireAsync(JobNames.CustomerMailing, timer.IsPastDue, ct);

    [Function("RetentionSweepTimer")]
    public Task RetentionSweep([TimerTrigger(RetentionSweepJob.Cron)] TimerInfo timer, CancellationToken ct) => timers.FireAsync(JobNames.RetentionSweep, timer.IsPastDue, ct);

    [Function("PaymentReconcileTimer")]
    public Task PaymentReconcile([TimerTrigger(PaymentReconcileJob.Cron)] TimerInfo timer, CancellationToken ct) => timers.FireAsync(JobNames.PaymentReconcile, timer.IsPastDue, ct);

    [Function("OperatorIndexTimer")]
    public Task OperatorIndex([TimerTrigger(Billing.Core.Operators.OperatorIndexJob.Cron)] TimerInfo timer, CancellationToken ct) => timers.FireAsync(JobNames.OperatorIndex, timer.IsPastDue, ct);

    /// <summary>Emails and CRM events; a failed send throws and the host retries, then moves it to the poison queue.</summary>
    [Function("OutboxDelivery")]
    public Task OutboxDelivery([QueueTrigger(QueueNames.Outbox)] QueueMessage message, CancellationToken ct) =>
        outbox.HandleAsync(message.MessageText, message.DequeueCount, ct);

    /// <summary>Retries and the poison queue are the host's (host.json maxDequeueCount), as in the server's listener.</summary>
    [Function("JobShard")]
    public Task JobShard([QueueTrigger(QueueNames.Jobs)] QueueMessage message, CancellationToken ct) =>
        shards.HandleAsync(message.MessageText, message.DequeueCount, ct);
}
