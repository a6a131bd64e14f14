"""Schedules the workflows of billing-agents: `uv run schedule [WORKFLOW...]` (default: all)."""
import asyncio
import sys
import time
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from restack_ai.restack import ScheduleSpec

from src.client import client
from src.models import (
    BillingRunInput,
    Invoice,
    LineItem,
    Money,
    MonthlyInvoiceInput,
    PaymentReminderInput,
)


async def schedule_monthly_invoice() -> None:
    """MonthlyInvoice: one run."""
    workflow_id = f"{int(time.time() * 1000)}-MonthlyInvoice"
    run_id = await client.schedule_workflow(
        workflow_name="MonthlyInvoice",
        workflow_id=workflow_id,
        input=MonthlyInvoiceInput(customer_id="example", period="example"),
        task_queue="billing",
    )
    result = await client.get_workflow_result(workflow_id=workflow_id, run_id=run_id)
    print(result)


async def schedule_payment_reminder() -> None:
    """PaymentReminder: one run."""
    workflow_id = f"{int(time.time() * 1000)}-PaymentReminder"
    run_id = await client.schedule_workflow(
        workflow_name="PaymentReminder",
        workflow_id=workflow_id,
        input=PaymentReminderInput(
            invoice=Invoice(
                invoice_id=UUID("12345678-1234-5678-1234-567812345678"),
                customer_id="example",
                items=[
                    LineItem(sku="example", unit_price=Money(amount=Decimal("1.5"))),
                ],
                total=Money(amount=Decimal("1.5")),
                issued_at=datetime(2024, 1, 1, 12, 0),
                due_on=date(2024, 1, 1),
            ),
        ),
        task_queue="reminders",
    )
    result = await client.get_workflow_result(workflow_id=workflow_id, run_id=run_id)
    print(result)


async def schedule_billing_run() -> None:
    """BillingRun: one run."""
    workflow_id = f"{int(time.time() * 1000)}-BillingRun"
    run_id = await client.schedule_workflow(
        workflow_name="BillingRun",
        workflow_id=workflow_id,
        input=BillingRunInput(customer_id="example", period="example"),
        task_queue="billing",
    )
    result = await client.get_workflow_result(workflow_id=workflow_id, run_id=run_id)
    print(result)


async def schedule_nightly_usage_sync() -> None:
    """NightlyUsageSync: cron 30 2 * * MON-FRI."""
    workflow_id = f"{int(time.time() * 1000)}-NightlyUsageSync"
    await client.schedule_workflow(
        workflow_name="NightlyUsageSync",
        workflow_id=workflow_id,
        task_queue="billing",
        schedule=ScheduleSpec(cron_expressions=["30 2 * * MON-FRI"]),
    )


SCHEDULERS = {
    "MonthlyInvoice": schedule_monthly_invoice,
    "PaymentReminder": schedule_payment_reminder,
    "BillingRun": schedule_billing_run,
    "NightlyUsageSync": schedule_nightly_usage_sync,
}


async def main(names: list[str]) -> None:
    for name in names or list(SCHEDULERS):
        if name not in SCHEDULERS:
            choices = ", ".join(SCHEDULERS)
            raise SystemExit(f"unknown workflow {name!r}; choose from {choices}")
        await SCHEDULERS[name]()


def run_schedule_workflow() -> None:
    asyncio.run(main(sys.argv[1:]))


if __name__ == "__main__":
    run_schedule_workflow()
