import asyncio
import logging
from pathlib import Path

from watchfiles import run_process

from src.client import client
from src.functions.fetch_page import fetch_page
from src.functions.summarise import summarise
from src.workflows.web_summary import WebSummary


async def main() -> None:
    await asyncio.gather(
        client.start_service(
            workflows=[WebSummary],
            functions=[fetch_page, summarise],
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
