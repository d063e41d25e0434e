namespace Billing.Core.Accounts;

public enum AccountState { Trial, Active, DeletionScheduled, Deleted, Purged }

public enum BillingMode { Daily, MonthlyPostpaid }

public enum Role { Owner, Admin, Employee }

public enum Language { En, Ru, Uk }
