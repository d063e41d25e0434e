using Billing.Core.Jobs;

namespace Billing.Core.Restrictions;

/// <summary>D5's daily timer: levels follow the calendar (day of month, working days, promises ending) even without money moving.</summary>
public sealed class RestrictionJob(RestrictionService restrictions) : IAccountJob
{
    public string Name => JobNames.Restrictions;

    public async Task<int> RunAsync(string accountId, DateTimeOffset asOf, CancellationToken ct) =>
        await restrictions.ReevaluateAsync(accountId, "daily", ct) is null ? 0 : 1;
}
