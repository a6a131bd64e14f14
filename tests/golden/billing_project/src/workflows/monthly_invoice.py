from datetime import timedelta

from restack_ai.workflow import RetryPolicy, import_functions, log, workflow

with import_functions():
    from src.functions.build_invoice import build_invoice
    from src.functions.fetch_usage import fetch_usage
    from src.functions.send_invoice_email import send_invoice_email
    from src.models import (
        BuildInvoiceInput,
        FetchUsageInput,
        MonthlyInvoiceInput,
        MonthlyInvoiceOutput,
        SendInvoiceEmailInput,
    )


@workflow.defn()
class MonthlyInvoice:
    """Bills one customer for one month."""

    @workflow.run
    async def run(self, workflow_input: MonthlyInvoiceInput) -> MonthlyInvoiceOutput:
        log.info("MonthlyInvoice started")
        log.info("Step usage: fetch_usage")
        usage_result = await workflow.step(
            function=fetch_usage,
            function_input=FetchUsageInput(
                customer_id=workflow_input.customer_id,
                period=workflow_input.period,
            ),
            start_to_close_timeout=timedelta(seconds=30),
            retry_policy=RetryPolicy(
                initial_interval=timedelta(seconds=2),
                backoff_coefficient=2.0,
                maximum_interval=timedelta(minutes=1),
                maximum_attempts=5,
                non_retryable_error_types=["ValueError"],
            ),
            task_queue="billing",
        )
        log.info("Step invoice: build_invoice")
        invoice_result = await workflow.step(
            function=build_invoice,
            function_input=BuildInvoiceInput(
                customer_id=workflow_input.customer_id,
                items=usage_result.items,
            ),
            start_to_close_timeout=timedelta(seconds=45),
            retry_policy=RetryPolicy(
                initial_interval=timedelta(seconds=2),
                backoff_coefficient=2.0,
                maximum_interval=timedelta(minutes=1),
                maximum_attempts=3,
                non_retryable_error_types=["ValueError"],
            ),
            task_queue="billing",
        )
        log.info("Step email: send_invoice_email")
        email_result = await workflow.step(
            function=send_invoice_email,
            function_input=SendInvoiceEmailInput(invoice=invoice_result.invoice),
            start_to_close_timeout=timedelta(seconds=45),
            retry_policy=RetryPolicy(
                initial_interval=timedelta(seconds=2),
                backoff_coefficient=2.0,
                maximum_interval=timedelta(minutes=1),
                maximum_attempts=3,
                non_retryable_error_types=["ValueError"],
            ),
            task_queue="email-priority",
        )
        log.info("MonthlyInvoice completed")
        return MonthlyInvoiceOutput(
            invoice=invoice_result.invoice,
            message_id=email_result.message_id,
        )
