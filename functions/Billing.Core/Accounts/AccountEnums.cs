namespace Billing.Core.Accounts;

public enum AccountState { Trial, Active, DeletionScheduled, Deleted, Purged }

/// <summary>Daily (C2), monthly postpaid (C4), or monthly prepaid: the plan is a service paid a period ahead (C6).</summary>
public enum BillingMode { Daily, MonthlyPostpaid, MonthlyPrepaid }

public enum Role { Owner, Admin, Employee }

public enum Language { En, Ru, Uk }
