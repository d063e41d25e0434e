using Billing.Core.Accounts;
using Billing.Core.CustomerBilling;

namespace Billing.Http.Pages;

/// <summary>The public invoice page's words in the tenant's language (en, ru, uk).</summary>
public sealed record PublicInvoiceTexts(string Lang, string Invoice, string Amount, string Period, string Status, string Pay, string Offer,
    string Seller, string TaxId, string Address, string Bank, string PayableUntil, string NoEnd, string AwaitingPayment, string Paid, string Archived,
    string ArchivedNote, string PaidNote, string PaidAgainNote, string NotYetOpen, string Returned)
{
    public static PublicInvoiceTexts For(Language language) => language switch
    {
        Language.Ru => new("ru", "Счёт", "Сумма", "За период", "Статус", "Перейти к оплате", "Договор публичной оферты", "Получатель", "ИНН",
            "Адрес", "Банковские реквизиты", "Оплатить до", "не задан", "Ожидает оплаты", "Оплачен", "В архиве",
            "Счёт перенесён в архив, оплата по нему недоступна.", "Счёт оплачен. Спасибо!", "Счёт оплачен; его можно оплатить повторно.",
            "Оплата по счёту ещё не открыта.", "Платёж принят и обрабатывается."),
        Language.Uk => new("uk", "Рахунок", "Сума", "За період", "Статус", "Перейти до оплати", "Договір публічної оферти", "Отримувач", "ЄДРПОУ/ІПН",
            "Адреса", "Банківські реквізити", "Сплатити до", "не задано", "Очікує оплати", "Сплачено", "В архіві",
            "Рахунок перенесено в архів, оплата за ним недоступна.", "Рахунок сплачено. Дякуємо!", "Рахунок сплачено; його можна сплатити повторно.",
            "Оплата за рахунком ще не відкрита.", "Платіж прийнято, він обробляється."),
        _ => new("en", "Invoice", "Amount", "Period", "Status", "Go to payment", "Public offer agreement", "Payee", "Tax id",
            "Address", "Bank details", "Payable until", "not set", "Awaiting payment", "Paid", "Archived",
            "This invoice is archived and can no longer be paid.", "This invoice is paid. Thank you!", "This invoice is paid; it can be paid again.",
            "Payment of this invoice is not open yet.", "Your payment was received and is being processed."),
    };

    public string StatusName(CustomerInvoiceStatus s) => s switch
    {
        CustomerInvoiceStatus.Paid => Paid,
        CustomerInvoiceStatus.Archived => Archived,
        _ => AwaitingPayment,
    };
}
