using System.Text;

namespace Billing.Core.Jobs;

public static class Shards
{
    /// <summary>A stable shard for an account (FNV-1a), unlike string.GetHashCode which changes per process.</summary>
    public static int Of(string accountId, int shardCount)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(accountId)) hash = (hash ^ b) * 16777619u;
        return (int)(hash % (uint)shardCount);
    }
}
