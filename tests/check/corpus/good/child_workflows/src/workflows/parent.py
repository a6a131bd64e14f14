import asyncio

from pydantic import BaseModel
from restack_ai.workflow import ParentClosePolicy, log, workflow, workflow_info

from .child import ChildInput, ChildWorkflow


class ParentInput(BaseModel):
    child: bool = True
    names: list[str] = []


def child_ids(parent_id: str, count: int) -> list[str]:
    return [f"{parent_id}-child-{i}" for i in range(count)]


@workflow.defn()
class ParentWorkflow:
    def __init__(self) -> None:
        self.results: list[dict] = []

    @workflow.run
    async def run(self, workflow_input: ParentInput) -> dict:
        if not workflow_input.child:
            return {}
        parent_id = workflow_info().workflow_id
        ids = child_ids(parent_id, len(workflow_input.names))
        log.info("ParentWorkflow fan-out", children=len(ids))
        self.results = await asyncio.gather(*[
            workflow.child_execute(workflow=ChildWorkflow, workflow_id=child_id,
                                   workflow_input=ChildInput(name=name))
            for child_id, name in zip(ids, sorted(set(workflow_input.names)))
        ])
        await workflow.child_start(workflow=ChildWorkflow, workflow_id=f"{parent_id}-bg",
                                   workflow_input=ChildInput(), parent_close_policy=ParentClosePolicy.ABANDON)
        await workflow.sleep(2)
        return {"children": self.results}
