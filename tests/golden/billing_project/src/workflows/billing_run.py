from restack_ai.workflow import import_functions, log, workflow, workflow_info

from src.workflows.monthly_invoice import MonthlyInvoice
from src.workflows.payment_reminder import PaymentReminder

with import_functions():
    from src.models import (
        BillingRunInput,
        BillingRunOutput,
        MonthlyInvoiceInput,
        PaymentReminderInput,
    )


@workflow.defn()
class BillingRun:
    """Bills a customer, then follows the invoice up as a child workflow."""

    @workflow.run
    async def run(self, workflow_input: BillingRunInput) -> BillingRunOutput:
        log.info("BillingRun started")
        log.info("Step bill: child workflow MonthlyInvoice")
        bill_result = await workflow.child_execute(
            workflow=MonthlyInvoice,
            workflow_id=f"{workflow_info().workflow_id}-bill",
            workflow_input=MonthlyInvoiceInput(
                customer_id=workflow_input.customer_id,
                period=workflow_input.period,
            ),
            task_queue="billing",
        )
        log.info("Step follow_up: child workflow PaymentReminder")
        follow_up_result = await workflow.child_execute(
            workflow=PaymentReminder,
            workflow_id=f"{workflow_info().workflow_id}-follow_up",
            workflow_input=PaymentReminderInput(invoice=bill_result.invoice),
            task_queue="reminders",
        )
        log.info("BillingRun completed")
        return BillingRunOutput(invoice=bill_result.invoice, paid=follow_up_result.paid)
