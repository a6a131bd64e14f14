from datetime import timedelta

from restack_ai.workflow import import_functions, log, workflow

with import_functions():
    from src.functions.function import welcome as greet


@workflow.defn(name="EncryptedWorkflow")
class EncryptedWorkflow:
    @workflow.run
    async def run(self) -> str:
        log.info("EncryptedWorkflow started")
        result = await workflow.step(function=greet, function_input="restack",
                                     start_to_close_timeout=timedelta(seconds=120))
        log.info("EncryptedWorkflow completed", result=result)
        return result
