from restack_ai.function import function, log

from src.models import SendInvoiceEmailInput, SendInvoiceEmailOutput


@function.defn()
async def send_invoice_email(input: SendInvoiceEmailInput) -> SendInvoiceEmailOutput:
    """Emails an invoice to its customer."""
    log.info("send_invoice_email started")
    # TODO: implement send_invoice_email: Emails an invoice to its customer.
    return SendInvoiceEmailOutput(message_id="")
