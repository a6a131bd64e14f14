from datetime import timedelta

from pydantic import BaseModel, Field
from restack_ai.workflow import NonRetryableError, RetryPolicy, import_functions, log, workflow

with import_functions():
    from src.functions.function import WelcomeInput, welcome
    from src.functions.llm_summary import SummaryInput, llm_summary


class ChildInput(BaseModel):
    name: str = Field(default="world")


@workflow.defn()
class ChildWorkflow:
    @workflow.run
    async def run(self, workflow_input: ChildInput) -> dict:
        log.info("ChildWorkflow started")
        try:
            greeting = await workflow.step(
                function=welcome,
                function_input=WelcomeInput(name=workflow_input.name),
                start_to_close_timeout=timedelta(seconds=120),
                retry_policy=RetryPolicy(maximum_attempts=3, initial_interval=timedelta(seconds=1)),
            )
        except Exception as e:
            raise NonRetryableError(f"welcome failed: {e}") from e
        summary = await workflow.step(
            function=llm_summary,
            function_input=SummaryInput(text=greeting),
            task_queue="llm",
            start_to_close_timeout=timedelta(minutes=2),
        )
        started_at = workflow.now()
        log.info("ChildWorkflow completed", started_at=str(started_at))
        return {"greeting": greeting, "summary": summary}
