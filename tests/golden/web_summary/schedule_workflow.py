"""Schedules the workflows of web-summary: `uv run schedule [WORKFLOW...]` (default: all)."""
import asyncio
import sys
import time

from src.client import client
from src.models import WebSummaryInput


async def schedule_web_summary() -> None:
    """WebSummary: one run."""
    workflow_id = f"{int(time.time() * 1000)}-WebSummary"
    run_id = await client.schedule_workflow(
        workflow_name="WebSummary",
        workflow_id=workflow_id,
        input=WebSummaryInput(url="example"),
    )
    result = await client.get_workflow_result(workflow_id=workflow_id, run_id=run_id)
    print(result)


SCHEDULERS = {
    "WebSummary": schedule_web_summary,
}


async def main(names: list[str]) -> None:
    for name in names or list(SCHEDULERS):
        if name not in SCHEDULERS:
            choices = ", ".join(SCHEDULERS)
            raise SystemExit(f"unknown workflow {name!r}; choose from {choices}")
        await SCHEDULERS[name]()


def run_schedule_workflow() -> None:
    asyncio.run(main(sys.argv[1:]))


if __name__ == "__main__":
    run_schedule_workflow()
