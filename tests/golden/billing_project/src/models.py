"""Models of billing-agents: the spec's models and every workflow and function input and output."""

from datetime import date, datetime
from decimal import Decimal
from typing import List, Literal, Optional
from uuid import UUID

from pydantic import BaseModel, Field


class Money(BaseModel):
    amount: Decimal = Field(..., description="Amount in the currency's major unit")
    currency: Literal["EUR", "USD", "GBP"] = "EUR"


class LineItem(BaseModel):
    sku: str
    quantity: int = 1
    unit_price: Money


class Invoice(BaseModel):
    invoice_id: UUID
    customer_id: str
    items: List[LineItem]
    total: Money
    issued_at: datetime
    due_on: date


class MonthlyInvoiceInput(BaseModel):
    """Input of the MonthlyInvoice workflow."""

    customer_id: str
    period: str


class MonthlyInvoiceOutput(BaseModel):
    """Output of the MonthlyInvoice workflow."""

    invoice: Invoice
    message_id: str


class PaymentReminderInput(BaseModel):
    """Input of the PaymentReminder workflow."""

    invoice: Invoice


class PaymentReminderOutput(BaseModel):
    """Output of the PaymentReminder workflow."""

    paid: bool


class BillingRunInput(BaseModel):
    """Input of the BillingRun workflow."""

    customer_id: str
    period: str


class BillingRunOutput(BaseModel):
    """Output of the BillingRun workflow."""

    invoice: Invoice
    paid: bool


class FetchUsageInput(BaseModel):
    """Input of the fetch_usage function."""

    customer_id: str
    period: str = Field(..., description="Billing month, YYYY-MM")


class FetchUsageOutput(BaseModel):
    """Output of the fetch_usage function."""

    items: List[LineItem] = Field(..., description="One line per metered product")


class BuildInvoiceInput(BaseModel):
    """Input of the build_invoice function."""

    customer_id: str
    items: List[LineItem]


class BuildInvoiceOutput(BaseModel):
    """Output of the build_invoice function."""

    invoice: Invoice


class SendInvoiceEmailInput(BaseModel):
    """Input of the send_invoice_email function."""

    invoice: Invoice
    template: Literal["standard", "reminder"] = "standard"


class SendInvoiceEmailOutput(BaseModel):
    """Output of the send_invoice_email function."""

    message_id: str


class CheckPaymentInput(BaseModel):
    """Input of the check_payment function."""

    invoice: Invoice


class CheckPaymentOutput(BaseModel):
    """Output of the check_payment function."""

    paid: bool
    paid_at: Optional[datetime]
