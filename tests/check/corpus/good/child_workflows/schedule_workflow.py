import asyncio
import time
from datetime import timedelta

from restack_ai import Restack
from restack_ai.restack import ScheduleIntervalSpec, ScheduleSpec

from src.workflows.parent import ParentInput


async def main() -> None:
    client = Restack()
    workflow_id = f"{int(time.time() * 1000)}-ParentWorkflow"
    run_id = await client.schedule_workflow(
        workflow_name="ParentWorkflow",
        workflow_id=workflow_id,
        workflow_input=ParentInput(child=True, names=["ada", "grace"]),
        schedule=ScheduleSpec(intervals=[ScheduleIntervalSpec(every=timedelta(minutes=10))]),
    )
    await client.get_workflow_result(workflow_id=workflow_id, run_id=run_id)


def run_schedule_workflow() -> None:
    asyncio.run(main())


if __name__ == "__main__":
    run_schedule_workflow()
