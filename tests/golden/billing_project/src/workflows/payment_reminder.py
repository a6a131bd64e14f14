from datetime import timedelta

from restack_ai.workflow import RetryPolicy, import_functions, log, workflow

with import_functions():
    from src.functions.check_payment import check_payment
    from src.functions.send_invoice_email import send_invoice_email
    from src.models import (
        CheckPaymentInput,
        PaymentReminderInput,
        PaymentReminderOutput,
        SendInvoiceEmailInput,
    )


@workflow.defn()
class PaymentReminder:
    """Waits for the due date and reminds the customer until the invoice is paid."""

    @workflow.run
    async def run(self, workflow_input: PaymentReminderInput) -> PaymentReminderOutput:
        log.info("PaymentReminder started")
        log.info("Step wait_for_due_date: sleep 30d")
        await workflow.sleep(2592000)
        log.info("Step first_check: check_payment")
        await workflow.step(
            function=check_payment,
            function_input=CheckPaymentInput(invoice=workflow_input.invoice),
            start_to_close_timeout=timedelta(minutes=2),
            retry_policy=RetryPolicy(
                initial_interval=timedelta(seconds=5),
                maximum_attempts=10,
            ),
            task_queue="reminders",
        )
        log.info("Step remind: send_invoice_email")
        await workflow.step(
            function=send_invoice_email,
            function_input=SendInvoiceEmailInput(
                invoice=workflow_input.invoice,
                template="reminder",
            ),
            start_to_close_timeout=timedelta(minutes=2),
            retry_policy=RetryPolicy(maximum_attempts=4),
            task_queue="email",
        )
        log.info("Step grace_period: sleep 7d")
        await workflow.sleep(604800)
        log.info("Step final_check: check_payment")
        final_check_result = await workflow.step(
            function=check_payment,
            function_input=CheckPaymentInput(invoice=workflow_input.invoice),
            start_to_close_timeout=timedelta(minutes=2),
            retry_policy=RetryPolicy(maximum_attempts=4),
            task_queue="reminders",
        )
        log.info("PaymentReminder completed")
        return PaymentReminderOutput(paid=final_check_result.paid)
