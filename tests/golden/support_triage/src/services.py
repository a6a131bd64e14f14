import asyncio
import logging
from pathlib import Path

from watchfiles import run_process

from src.client import client
from src.functions.classify_ticket import classify_ticket
from src.functions.draft_reply import draft_reply
from src.functions.notify_support_agent import notify_support_agent
from src.functions.pick_support_queue import pick_support_queue
from src.workflows.support_triage import SupportTriage


async def main() -> None:
    await asyncio.gather(
        client.start_service(
            workflows=[SupportTriage],
            functions=[
                classify_ticket,
                draft_reply,
                notify_support_agent,
                pick_support_queue,
            ],
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
