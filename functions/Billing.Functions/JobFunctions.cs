using Azure.Storage.Queues.Models;
using Billing.Core.Jobs;
using Billing.Http;
using Billing.Http.Jobs;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions;

/// <summary>Timers start a job run (one queue message per shard); the queue trigger runs one shard.</summary>
public sealed class JobFunctions(JobTimers timers, JobQueueHandler shards)
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

    /// <summary>Retries and the poison queue are the host's (host.json maxDequeueCount), as in the server's listener.</summary>
    [Function("JobShard")]
    public Task JobShard([QueueTrigger(QueueNames.Jobs)] QueueMessage message, CancellationToken ct) =>
        shards.HandleAsync(message.MessageText, message.DequeueCount, ct);
}
