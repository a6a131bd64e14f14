"""Schedules the workflows of daily-metrics-report: `uv run schedule [WORKFLOW...]` (default: all)."""
import asyncio
import sys
import time

from restack_ai.restack import ScheduleSpec

from src.client import client


async def schedule_daily_metrics_report() -> None:
    """DailyMetricsReport: cron 0 7 * * MON-FRI."""
    workflow_id = f"{int(time.time() * 1000)}-DailyMetricsReport"
    await client.schedule_workflow(
        workflow_name="DailyMetricsReport",
        workflow_id=workflow_id,
        schedule=ScheduleSpec(cron_expressions=["0 7 * * MON-FRI"]),
    )


SCHEDULERS = {
    "DailyMetricsReport": schedule_daily_metrics_report,
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
