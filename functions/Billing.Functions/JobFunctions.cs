using Azure.Storage.Queues.Models;
using Billing.Core.Jobs;
using Billing.Http;
using Billing.Http.Jobs;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions;

/// <summary>Timers start a job run (one queue message per shard); the queue trigger runs one shard.</summary>
public sealed class JobFunctions(JobTimers timers, JobQueueHandler shards, OutboxQueueHandler outbox)
{
    [Function("DailyChargeTimer")]
    public Task DailyCharge([TimerTrigger(Schedules.DailyCharge)] TimerInfo timer, CancellationToken ct) =>
        timers.FireAsync(JobNames.DailyCharge, timer.IsPastDue, ct);

    [Function("MonthlyPostpaidTimer")]
    public Task MonthlyPostpaid([TimerTrigger(Schedules.MonthlyPostpaid)] TimerInfo timer, CancellationToken ct) =>
        timers.FireAsync(JobNames.MonthlyPostpaid, timer.IsPastDue, ct);

    [Function("ServiceRenewalTimer")]
    public Task ServiceRenewal([TimerTrigger(Schedules.ServiceRenewal)] TimerInfo timer, CancellationToken ct) =>
        timers.FireAsync(JobNames.ServiceRenewal, timer.IsPastDue, ct);

    [Function("RestrictionsTimer")]
    public Task Restrictions([TimerTrigger(Schedules.Restrictions)] TimerInfo timer, CancellationToken ct) =>
        timers.FireAsync(JobNames.Restrictions, timer.IsPastDue, ct);

    [Function("DeletionTimer")]
    public Task Deletion([TimerTrigger(Schedules.Deletion)] TimerInfo timer, CancellationToken ct) =>
        timers.FireAsync(JobNames.Deletion, timer.IsPastDue, ct);

    [Function("OutboxSweepTimer")]
    public Task OutboxSweep([TimerTrigger(Schedules.OutboxSweep)] TimerInfo timer, CancellationToken ct) =>
        timers.FireAsync(JobNames.OutboxSweep, timer.IsPastDue, ct);

    [Function("CustomerMailingTimer")]
    public Task CustomerMailing([TimerTrigger(Schedules.CustomerMailing)] TimerInfo timer, CancellationToken ct) =>
        timers.FireAsync(JobNames.CustomerMailing, timer.IsPastDue, ct);

    /// <summary>Emails and CRM events; a failed send throws and the host retries, then moves it to the poison queue.</summary>
    [Function("OutboxDelivery")]
    public Task OutboxDelivery([QueueTrigger(QueueNames.Outbox)] QueueMessage message, CancellationToken ct) =>
        outbox.HandleAsync(message.MessageText, message.DequeueCount, ct);

    /// <summary>Retries and the poison queue are the host's (host.json maxDequeueCount), as in the server's listener.</summary>
    [Function("JobShard")]
    public Task JobShard([QueueTrigger(QueueNames.Jobs)] QueueMessage message, CancellationToken ct) =>
        shards.HandleAsync(message.MessageText, message.DequeueCount, ct);
}
