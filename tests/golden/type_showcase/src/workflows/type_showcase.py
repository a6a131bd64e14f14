from datetime import timedelta

from restack_ai.workflow import import_functions, log, workflow

with import_functions():
    from src.functions.summarize_types import summarize_types
    from src.models import TypeShowcaseInput, TypeShowcaseOutput


@workflow.defn()
class TypeShowcase:
    """A reference of every type form a schema can use."""

    @workflow.run
    async def run(self, workflow_input: TypeShowcaseInput) -> TypeShowcaseOutput:
        log.info("TypeShowcase started")
        log.info("Step summarize: summarize_types")
        summarize_result = await workflow.step(
            function=summarize_types,
            function_input=workflow_input,
            start_to_close_timeout=timedelta(minutes=2),
        )
        log.info("TypeShowcase completed")
        return summarize_result
