import asyncio
import logging
from pathlib import Path

from watchfiles import run_process

from src.client import client
from src.functions.fetch_funding import fetch_funding
from src.functions.fetch_news import fetch_news
from src.functions.lookup_company import lookup_company
from src.functions.lookup_person import lookup_person
from src.functions.score_lead import score_lead
from src.workflows.lead_enrichment import LeadEnrichment


async def main() -> None:
    await asyncio.gather(
        client.start_service(
            workflows=[LeadEnrichment],
            functions=[
                fetch_funding,
                fetch_news,
                lookup_company,
                lookup_person,
                score_lead,
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
