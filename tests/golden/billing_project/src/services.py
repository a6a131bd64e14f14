import asyncio
import logging
from pathlib import Path

from watchfiles import run_process

from src.client import client
from src.functions.build_invoice import build_invoice
from src.functions.check_payment import check_payment
from src.functions.fetch_usage import fetch_usage
from src.functions.send_invoice_email import send_invoice_email
from src.functions.sync_usage_records import sync_usage_records
from src.workflows.billing_run import BillingRun
from src.workflows.monthly_invoice import MonthlyInvoice
from src.workflows.nightly_usage_sync import NightlyUsageSync
from src.workflows.payment_reminder import PaymentReminder


async def main() -> None:
    await asyncio.gather(
        client.start_service(
            workflows=[BillingRun, MonthlyInvoice, NightlyUsageSync],
            functions=[build_invoice, fetch_usage, sync_usage_records],
            task_queue="billing",
        ),
        client.start_service(
            functions=[send_invoice_email],
            task_queue="email",
        ),
        client.start_service(
            functions=[send_invoice_email],
            task_queue="email-priority",
        ),
        client.start_service(
            workflows=[PaymentReminder],
            functions=[check_payment],
            task_queue="reminders",
        ),
    )


def run_services() -> None:
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        logging.info("Service interrupted by user. Exiting gracefully.")


def watch_services() -> None:
    watch_path = Path.cwd()
    logging.info("Watching %s and its subdirectories for changes...", watch_path)
    run_process(watch_path, recursive=True, target=run_services)


if __name__ == "__main__":
    run_services()
