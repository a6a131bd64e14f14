"""Schedules the workflows of type-showcase: `uv run schedule [WORKFLOW...]` (default: all)."""
import asyncio
import sys
import time
from uuid import UUID

from src.client import client
from src.models import Address, Contact, Measurement, TypeShowcaseInput


async def schedule_type_showcase() -> None:
    """TypeShowcase: one run."""
    workflow_id = f"{int(time.time() * 1000)}-TypeShowcase"
    run_id = await client.schedule_workflow(
        workflow_name="TypeShowcase",
        workflow_id=workflow_id,
        input=TypeShowcaseInput(
            contact=Contact(
                name="example",
                emails={"example"},
                address=Address(street="example", city="example"),
            ),
            scores={"example": 1.5},
            point=(1.5, 1.5),
            samples=(1,),
            identifier=1,
            maybe_note="example",
            maybe_contact=Contact(
                name="example",
                emails={"example"},
                address=Address(street="example", city="example"),
            ),
            weights={"low": 1},
            by_id={UUID("12345678-1234-5678-1234-567812345678"): "example"},
            ids={1},
            raw=b"example",
            anything="example",
            loose_list=["example"],
            loose_dict={"example": "example"},
            loose_set=set(),
            nested=[{"example": 1}],
            measurements=[Measurement(value=1.5, unit="kg")],
        ),
    )
    result = await client.get_workflow_result(workflow_id=workflow_id, run_id=run_id)
    print(result)


SCHEDULERS = {
    "TypeShowcase": schedule_type_showcase,
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
