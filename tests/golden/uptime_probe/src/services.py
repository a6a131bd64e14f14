import asyncio
import logging
from pathlib import Path

from watchfiles import run_process

from src.client import client
from src.functions.alert_if_down import alert_if_down
from src.functions.probe_url import probe_url
from src.workflows.uptime_probe import UptimeProbe


async def main() -> None:
    await asyncio.gather(
        client.start_service(
            workflows=[UptimeProbe],
            functions=[alert_if_down, probe_url],
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
