from restack_ai.function import function, log

from src.models import BuildInvoiceInput, BuildInvoiceOutput, Invoice, Money

import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal


@function.defn()
async def build_invoice(input: BuildInvoiceInput) -> BuildInvoiceOutput:
    """Prices the usage and builds the invoice."""
    total = sum((item.unit_price.amount * item.quantity for item in input.items), Decimal("0"))
    now = datetime.now(timezone.utc)
    invoice = Invoice(
        invoice_id=uuid.uuid4(),
        customer_id=input.customer_id,
        items=input.items,
        total=Money(amount=total, currency="EUR"),
        issued_at=now,
        due_on=(now + timedelta(days=30)).date(),
    )
    log.info("built invoice", invoice_id=str(invoice.invoice_id))
    return BuildInvoiceOutput(invoice=invoice)
