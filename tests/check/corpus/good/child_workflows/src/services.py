import asyncio
import logging
import webbrowser
from pathlib import Path

from restack_ai.restack import ServiceOptions
from watchfiles import run_process

from src.client import client
from src.functions.function import welcome
from src.functions.llm_summary import llm_summary
from src.workflows import ChildWorkflow, ParentWorkflow


async def main() -> None:
    await asyncio.gather(
        client.start_service(
            workflows=[ParentWorkflow, ChildWorkflow],
            functions=[welcome],
        ),
        client.start_service(
            functions=[llm_summary],
            task_queue="llm",
            options=ServiceOptions(rate_limit=1, max_concurrent_function_runs=1),
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
    webbrowser.open("http://localhost:5233")
    run_process(watch_path, recursive=True, target=run_services)


if __name__ == "__main__":
    run_services()
