using System.ComponentModel.DataAnnotations;

namespace Billing.Core.Payments;

/// <summary>
/// Reconciliation (issue 15): a checkout still open <see cref="ReconcileAfterMinutes"/> after it was opened is asked about
/// at its provider, so a lost notification does not leave a paid invoice unpaid; one the provider still calls open after
/// <see cref="GiveUpAfterHours"/> is forgotten (every provider's checkout has expired by then).
/// </summary>
public sealed class ReconcileOptions
{
    public const string Section = "Payments";

    [Range(5, 1440)]
    public int ReconcileAfterMinutes { get; set; } = 30;

    [Range(25, 720)]
    public int GiveUpAfterHours { get; set; } = 48;
}
