namespace Billing.Core.Texts;

public static partial class TextKeys
{
    /// <summary>The operator console (P2): its pages, and the names of the values it shows (<c>Console.{group}.{wire name}</c>).</summary>
    public static class Console
    {
        public const string Brand = "Console.Brand";
        public const string SkipToContent = "Console.SkipToContent";
        public const string Navigation = "Console.Navigation";
        public const string NavAccounts = "Console.NavAccounts";
        public const string NavJobs = "Console.NavJobs";
        public const string SignedInAs = "Console.SignedInAs";
        public const string SignOut = "Console.SignOut";
        public const string SignedOut = "Console.SignedOut";
        public const string SignInTitle = "Console.SignInTitle";
        public const string SignInKey = "Console.SignInKey";
        public const string SignInKeyHint = "Console.SignInKeyHint";
        public const string SignInButton = "Console.SignInButton";
        public const string SignInRefused = "Console.SignInRefused";
        public const string NotFoundTitle = "Console.NotFoundTitle";
        public const string NotFoundText = "Console.NotFoundText";
        public const string Paging = "Console.Paging";
        public const string Newest = "Console.Newest";
        public const string Older = "Console.Older";
        public const string Actions = "Console.Actions";
        public const string Yes = "Console.Yes";
        public const string No = "Console.No";
        public const string AccountsTitle = "Console.AccountsTitle";
        public const string SearchLabel = "Console.SearchLabel";
        public const string SearchButton = "Console.SearchButton";
        public const string SearchHint = "Console.SearchHint";
        public const string SearchResults = "Console.SearchResults";
        public const string NoMatches = "Console.NoMatches";
        public const string AccountName = "Console.AccountName";
        public const string AccountId = "Console.AccountId";
        public const string State = "Console.State";
        public const string OwnerEmail = "Console.OwnerEmail";
        public const string Balance = "Console.Balance";
        public const string FactsTitle = "Console.FactsTitle";
        public const string Plan = "Console.Plan";
        public const string RestrictionLevel = "Console.RestrictionLevel";
        public const string Deletion = "Console.Deletion";
        public const string Created = "Console.Created";
        public const string LastLogin = "Console.LastLogin";
        public const string Settings = "Console.Settings";
        public const string DeletionNone = "Console.DeletionNone";
        public const string DeletionScheduledFor = "Console.DeletionScheduledFor";
        public const string DeletedRestorable = "Console.DeletedRestorable";
        public const string DeletedWindowOver = "Console.DeletedWindowOver";
        public const string PurgedNote = "Console.PurgedNote";
        public const string Restore = "Console.Restore";
        public const string RestoreConfirm = "Console.RestoreConfirm";
        public const string RestoreDone = "Console.RestoreDone";
        public const string OfflineTitle = "Console.OfflineTitle";
        public const string AmountIn = "Console.AmountIn";
        public const string Reference = "Console.Reference";
        public const string ReferenceHint = "Console.ReferenceHint";
        public const string PaysInvoice = "Console.PaysInvoice";
        public const string NewTopUpInvoice = "Console.NewTopUpInvoice";
        public const string OfflineButton = "Console.OfflineButton";
        public const string OfflineCredited = "Console.OfflineCredited";
        public const string OfflineAlreadyRecorded = "Console.OfflineAlreadyRecorded";
        public const string OfflineFlagged = "Console.OfflineFlagged";
        public const string InvoicesTitle = "Console.InvoicesTitle";
        public const string NoInvoices = "Console.NoInvoices";
        public const string Number = "Console.Number";
        public const string Kind = "Console.Kind";
        public const string Amount = "Console.Amount";
        public const string Status = "Console.Status";
        public const string Due = "Console.Due";
        public const string Complete = "Console.Complete";
        public const string CompleteInvoice = "Console.CompleteInvoice";
        public const string CompleteConfirm = "Console.CompleteConfirm";
        public const string CompleteDone = "Console.CompleteDone";
        public const string LedgerTitle = "Console.LedgerTitle";
        public const string NoEntries = "Console.NoEntries";
        public const string Time = "Console.Time";
        public const string Description = "Console.Description";
        public const string BalanceAfter = "Console.BalanceAfter";
        public const string ServicesTitle = "Console.ServicesTitle";
        public const string PerMonth = "Console.PerMonth";
        public const string Service = "Console.Service";
        public const string Price = "Console.Price";
        public const string PaidUntil = "Console.PaidUntil";
        public const string MaxSeats = "Console.MaxSeats";
        public const string AutoRenew = "Console.AutoRenew";
        public const string RestrictionsTitle = "Console.RestrictionsTitle";
        public const string NoRestrictionChanges = "Console.NoRestrictionChanges";
        public const string LevelChange = "Console.LevelChange";
        public const string Reason = "Console.Reason";
        public const string Trigger = "Console.Trigger";
        public const string JobsTitle = "Console.JobsTitle";
        public const string JobsIntro = "Console.JobsIntro";
        public const string Schedule = "Console.Schedule";
        public const string AsOf = "Console.AsOf";
        public const string AsOfHint = "Console.AsOfHint";
        public const string StartRun = "Console.StartRun";
        public const string RunStarted = "Console.RunStarted";
        public const string RunRetried = "Console.RunRetried";
        public const string RunTitle = "Console.RunTitle";
        public const string Progress = "Console.Progress";
        public const string RunState = "Console.RunState";
        public const string Shards = "Console.Shards";
        public const string ShardsProgress = "Console.ShardsProgress";
        public const string AccountsProcessed = "Console.AccountsProcessed";
        public const string AccountsProgress = "Console.AccountsProgress";
        public const string RefreshNote = "Console.RefreshNote";
        public const string Retry = "Console.Retry";
        public const string RetryHint = "Console.RetryHint";
        public const string FailedShards = "Console.FailedShards";
        public const string FailedAccounts = "Console.FailedAccounts";
        public const string NoFailures = "Console.NoFailures";
        public const string Shard = "Console.Shard";
        public const string Outcome = "Console.Outcome";
        public const string Error = "Console.Error";
        public const string NavFlagged = "Console.NavFlagged";
        public const string NavEvents = "Console.NavEvents";
        public const string NavAudit = "Console.NavAudit";
        public const string AccountEvents = "Console.AccountEvents";
        public const string AccountAudit = "Console.AccountAudit";
        public const string AdjustTitle = "Console.AdjustTitle";
        public const string AdjustAmountHint = "Console.AdjustAmountHint";
        public const string AdjustReasonHint = "Console.AdjustReasonHint";
        public const string AdjustButton = "Console.AdjustButton";
        public const string AdjustDone = "Console.AdjustDone";
        public const string MessagesTitle = "Console.MessagesTitle";
        public const string NoMessages = "Console.NoMessages";
        public const string Message = "Console.Message";
        public const string To = "Console.To";
        public const string Attempts = "Console.Attempts";
        public const string Resend = "Console.Resend";
        public const string ResendMessage = "Console.ResendMessage";
        public const string ResendDone = "Console.ResendDone";
        public const string FlagsTitle = "Console.FlagsTitle";
        public const string FlagsNotShown = "Console.FlagsNotShown";
        public const string NoFlags = "Console.NoFlags";
        public const string Received = "Console.Received";
        public const string Flag = "Console.Flag";
        public const string ProviderEvent = "Console.ProviderEvent";
        public const string Resolution = "Console.Resolution";
        public const string Note = "Console.Note";
        public const string Resolve = "Console.Resolve";
        public const string FlagResolved = "Console.FlagResolved";
        public const string FlaggedTitle = "Console.FlaggedTitle";
        public const string FlaggedIntro = "Console.FlaggedIntro";
        public const string NoOpenFlags = "Console.NoOpenFlags";
        public const string StartedRuns = "Console.StartedRuns";
        public const string NoStartedRuns = "Console.NoStartedRuns";
        public const string Job = "Console.Job";
        public const string Who = "Console.Who";
        public const string EventsTitle = "Console.EventsTitle";
        public const string FromUtc = "Console.FromUtc";
        public const string ToUtc = "Console.ToUtc";
        public const string AnyStatus = "Console.AnyStatus";
        public const string EventsRangeHint = "Console.EventsRangeHint";
        public const string Show = "Console.Show";
        public const string EventsListed = "Console.EventsListed";
        public const string NoEvents = "Console.NoEvents";
        public const string Event = "Console.Event";
        public const string Replay = "Console.Replay";
        public const string ReplayEvent = "Console.ReplayEvent";
        public const string EventReplayed = "Console.EventReplayed";
        public const string EventsReplayed = "Console.EventsReplayed";
        public const string ReplayRangeTitle = "Console.ReplayRangeTitle";
        public const string ReplayRangeConfirm = "Console.ReplayRangeConfirm";
        public const string ReplayRangeHint = "Console.ReplayRangeHint";
        public const string AccountOptional = "Console.AccountOptional";
        public const string ReplayRange = "Console.ReplayRange";
        public const string AuditTitle = "Console.AuditTitle";
        public const string Action = "Console.Action";
        public const string AnyAction = "Console.AnyAction";
        public const string AuditEntries = "Console.AuditEntries";
        public const string NoAuditEntries = "Console.NoAuditEntries";
        public const string Details = "Console.Details";
        public const string BeforeAfter = "Console.BeforeAfter";
        public const string Before = "Console.Before";
        public const string After = "Console.After";

        /// <summary>The console's text for a refusal code it knows (input the console checks), when the catalog has one.</summary>
        public static string ProblemOf(string code) => $"Console.Problem.{code}";

        public static class StateNames
        {
            public const string Trial = "Console.State.trial";
            public const string Active = "Console.State.active";
            public const string DeletionScheduled = "Console.State.deletion_scheduled";
            public const string Deleted = "Console.State.deleted";
            public const string Purged = "Console.State.purged";
        }

        public static class BillingModeNames
        {
            public const string Daily = "Console.BillingMode.daily";
            public const string MonthlyPostpaid = "Console.BillingMode.monthly_postpaid";
            public const string MonthlyPrepaid = "Console.BillingMode.monthly_prepaid";
        }

        public static class LevelNames
        {
            public const string None = "Console.Level.none";
            public const string Reminder = "Console.Level.reminder";
            public const string PaymentOnly = "Console.Level.payment_only";
            public const string Blocked = "Console.Level.blocked";
        }

        public static class PolicyNames
        {
            public const string DayOfMonth = "Console.Policy.day_of_month";
            public const string Immediate = "Console.Policy.immediate";
        }

        public static class InvoiceKindNames
        {
            public const string TopUp = "Console.InvoiceKind.top_up";
            public const string Renewal = "Console.InvoiceKind.renewal";
            public const string PlanChange = "Console.InvoiceKind.plan_change";
            public const string Postpaid = "Console.InvoiceKind.postpaid";
        }

        public static class InvoiceStatusNames
        {
            public const string AwaitingPayment = "Console.InvoiceStatus.awaiting_payment";
            public const string Overdue = "Console.InvoiceStatus.overdue";
            public const string Paid = "Console.InvoiceStatus.paid";
            public const string PaidFromBalance = "Console.InvoiceStatus.paid_from_balance";
            public const string Cancelled = "Console.InvoiceStatus.cancelled";
            public const string Archived = "Console.InvoiceStatus.archived";
        }

        public static class LedgerKindNames
        {
            public const string TopUp = "Console.LedgerKind.top_up";
            public const string Bonus = "Console.LedgerKind.bonus";
            public const string Charge = "Console.LedgerKind.charge";
            public const string Refund = "Console.LedgerKind.refund";
            public const string Credit = "Console.LedgerKind.credit";
            public const string Adjustment = "Console.LedgerKind.adjustment";
            public const string InvoicePayment = "Console.LedgerKind.invoice_payment";
            public const string Hold = "Console.LedgerKind.hold";
            public const string Release = "Console.LedgerKind.release";
        }

        public static class ServiceStateNames
        {
            public const string Active = "Console.ServiceState.active";
            public const string PaymentOverdue = "Console.ServiceState.payment_overdue";
            public const string Expired = "Console.ServiceState.expired";
            public const string Cancelled = "Console.ServiceState.cancelled";
        }

        public static class RunStateNames
        {
            public const string Running = "Console.RunState.running";
            public const string Succeeded = "Console.RunState.succeeded";
            public const string Failed = "Console.RunState.failed";
        }

        public static class ShardOutcomeNames
        {
            public const string Succeeded = "Console.ShardOutcome.succeeded";
            public const string Retrying = "Console.ShardOutcome.retrying";
            public const string Poisoned = "Console.ShardOutcome.poisoned";
        }

        public static class DeliveryStatusNames
        {
            public const string Pending = "Console.DeliveryStatus.pending";
            public const string Delivered = "Console.DeliveryStatus.delivered";
            public const string Failed = "Console.DeliveryStatus.failed";
        }

        public static class FlagKindNames
        {
            public const string AmountMismatch = "Console.FlagKind.amount_mismatch";
            public const string RefundMismatch = "Console.FlagKind.refund_mismatch";
            public const string DuplicatePayment = "Console.FlagKind.duplicate_payment";
            public const string InvoiceNotPayable = "Console.FlagKind.invoice_not_payable";
            public const string UnknownInvoice = "Console.FlagKind.unknown_invoice";
            public const string UnknownPayment = "Console.FlagKind.unknown_payment";
            public const string TargetChanged = "Console.FlagKind.target_changed";
        }

        public static class FlagResolutionNames
        {
            public const string CreditedToBalance = "Console.FlagResolution.credited_to_balance";
            public const string Dismissed = "Console.FlagResolution.dismissed";
        }

        public static class AuditActionNames
        {
            public const string OfflinePayment = "Console.AuditAction.offline_payment";
            public const string InvoiceCompletion = "Console.AuditAction.invoice_completion";
            public const string AccountRestore = "Console.AuditAction.account_restore";
            public const string Refund = "Console.AuditAction.refund";
            public const string JobStart = "Console.AuditAction.job_start";
            public const string ApiKeyCreate = "Console.AuditAction.api_key_create";
            public const string ApiKeyRevoke = "Console.AuditAction.api_key_revoke";
            public const string Adjustment = "Console.AuditAction.adjustment";
            public const string FlaggedPaymentResolve = "Console.AuditAction.flagged_payment_resolve";
            public const string EventReplay = "Console.AuditAction.event_replay";
            public const string EventRangeReplay = "Console.AuditAction.event_range_replay";
            public const string MessageResend = "Console.AuditAction.message_resend";
        }

        public static class ProblemNames
        {
            public const string AmountInvalid = "Console.Problem.amount_invalid";
            public const string AmountOutOfBounds = "Console.Problem.amount_out_of_bounds";
            public const string ReferenceInvalid = "Console.Problem.reference_invalid";
            public const string FormOnceMissing = "Console.Problem.form_once_missing";
            public const string IdempotencyKeyReused = "Console.Problem.idempotency_key_reused";
            public const string AsOfInvalid = "Console.Problem.as_of_invalid";
            public const string AsOfTooFarAhead = "Console.Problem.as_of_too_far_ahead";
            public const string AccountNotDeleted = "Console.Problem.account_not_deleted";
            public const string InvoiceNotFound = "Console.Problem.invoice_not_found";
            public const string JobNotFound = "Console.Problem.job_not_found";
            public const string FieldMissing = "Console.Problem.field_missing";
            public const string FieldTooLong = "Console.Problem.field_too_long";
            public const string TextInvalid = "Console.Problem.text_invalid";
            public const string ChoiceInvalid = "Console.Problem.choice_invalid";
            public const string TimeInvalid = "Console.Problem.time_invalid";
            public const string RangeInvalid = "Console.Problem.range_invalid";
            public const string RangeTooLong = "Console.Problem.range_too_long";
            public const string ReplayTooLarge = "Console.Problem.replay_too_large";
            public const string DeliveryInProgress = "Console.Problem.delivery_in_progress";
            public const string FlagAlreadyResolved = "Console.Problem.flag_already_resolved";
            public const string FlaggedPaymentNotFound = "Console.Problem.flagged_payment_not_found";
            public const string EventNotFound = "Console.Problem.event_not_found";
            public const string MessageNotFound = "Console.Problem.message_not_found";
            public const string AccountNotFound = "Console.Problem.account_not_found";
            public const string QueryInvalid = "Console.Problem.query_invalid";
            public const string InvalidContinuationToken = "Console.Problem.invalid_continuation_token";
            public const string CurrencyMismatch = "Console.Problem.currency_mismatch";
        }
    }
}
