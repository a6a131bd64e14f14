"""Runs every workflow of billing-agents in process, on example input built from its schema.

A workflow normally runs inside a Restack engine, so with the real restack-ai these tests are
skipped. With an in-process stand-in for restack_ai on PYTHONPATH (restack-gen's own tests use
one) the steps run as plain function calls and the tests check each workflow end to end.
"""
import asyncio
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

import pytest
import restack_ai

from src.models import (
    BillingRunInput,
    BillingRunOutput,
    Invoice,
    LineItem,
    Money,
    MonthlyInvoiceInput,
    MonthlyInvoiceOutput,
    PaymentReminderInput,
    PaymentReminderOutput,
)
from src.workflows.billing_run import BillingRun
from src.workflows.monthly_invoice import MonthlyInvoice
from src.workflows.nightly_usage_sync import NightlyUsageSync
from src.workflows.payment_reminder import PaymentReminder

STANDIN = getattr(restack_ai, "STANDIN", False)
needs_standin = pytest.mark.skipif(
    not STANDIN, reason="needs an in-process restack_ai stand-in (or a Restack engine)"
)


@needs_standin
def test_monthly_invoice_runs() -> None:
    workflow_input = MonthlyInvoiceInput(customer_id="example", period="example")
    result = asyncio.run(MonthlyInvoice().run(workflow_input))
    assert isinstance(result, MonthlyInvoiceOutput)


@needs_standin
def test_payment_reminder_runs() -> None:
    workflow_input = PaymentReminderInput(
        invoice=Invoice(
            invoice_id=UUID("12345678-1234-5678-1234-567812345678"),
            customer_id="example",
            items=[LineItem(sku="example", unit_price=Money(amount=Decimal("1.5")))],
            total=Money(amount=Decimal("1.5")),
            issued_at=datetime(2024, 1, 1, 12, 0),
            due_on=date(2024, 1, 1),
        ),
    )
    result = asyncio.run(PaymentReminder().run(workflow_input))
    assert isinstance(result, PaymentReminderOutput)


@needs_standin
def test_billing_run_runs() -> None:
    workflow_input = BillingRunInput(customer_id="example", period="example")
    result = asyncio.run(BillingRun().run(workflow_input))
    assert isinstance(result, BillingRunOutput)


@needs_standin
def test_nightly_usage_sync_runs() -> None:
    asyncio.run(NightlyUsageSync().run())
