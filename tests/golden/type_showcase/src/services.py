import asyncio
import logging
from pathlib import Path

from watchfiles import run_process

from src.client import client
from src.functions.summarize_types import summarize_types
from src.workflows.type_showcase import TypeShowcase


async def main() -> None:
    await asyncio.gather(
        client.start_service(
            workflows=[TypeShowcase],
            functions=[summarize_types],
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
