from datetime import timedelta

from restack_ai.workflow import import_functions, workflow

with import_functions():
    from src.functions.f import f


@workflow.defn()
class Flow:
    @workflow.run
    async def run(self, opts: dict):
        await workflow.step(function=f)  # error: RSG205
        await workflow.step(function=f, function_input=1, task_queue="q")  # error: RSG205
        await workflow.step(function=f, start_to_close_timeout=timedelta(minutes=2))
        await workflow.step(function=f, schedule_to_close_timeout=timedelta(minutes=2))
        await workflow.step(function=f, **opts)
        await workflow.child_execute(workflow=Flow, workflow_id="x")
