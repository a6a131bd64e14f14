"""Schedules the workflows of uptime-probe: `uv run schedule [WORKFLOW...]` (default: all)."""
import asyncio
import sys
import time
from datetime import timedelta

from restack_ai.restack import ScheduleIntervalSpec, ScheduleSpec

from src.client import client
from src.models import UptimeProbeInput


async def schedule_uptime_probe() -> None:
    """UptimeProbe: every 5m."""
    workflow_id = f"{int(time.time() * 1000)}-UptimeProbe"
    await client.schedule_workflow(
        workflow_name="UptimeProbe",
        workflow_id=workflow_id,
        input=UptimeProbeInput(),
        schedule=ScheduleSpec(
            intervals=[ScheduleIntervalSpec(every=timedelta(minutes=5))],
        ),
    )


SCHEDULERS = {
    "UptimeProbe": schedule_uptime_probe,
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
