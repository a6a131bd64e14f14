import asyncio
import logging
from pathlib import Path

from watchfiles import run_process

from src.client import client
from src.functions.charge_payment import charge_payment
from src.functions.create_shipment import create_shipment
from src.functions.reserve_stock import reserve_stock
from src.workflows.order_fulfillment import OrderFulfillment


async def main() -> None:
    await asyncio.gather(
        client.start_service(
            workflows=[OrderFulfillment],
            functions=[create_shipment, reserve_stock],
            task_queue="orders",
        ),
        client.start_service(
            functions=[charge_payment],
            task_queue="payments",
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
