from datetime import timedelta

from restack_ai.workflow import RetryPolicy, import_functions, log, workflow

with import_functions():
    from src.functions.data_transformation import data_transformation
    from src.functions.data_validation import data_validation
    from src.models import DataProcessorInput, DataProcessorOutput


@workflow.defn()
class DataProcessor:
    """A simple workflow that processes input data"""

    @workflow.run
    async def run(self, workflow_input: DataProcessorInput) -> DataProcessorOutput:
        log.info("DataProcessor started")
        log.info("Step validate: data_validation")
        validate_result = await workflow.step(
            function=data_validation,
            function_input=workflow_input,
            start_to_close_timeout=timedelta(minutes=2),
            retry_policy=RetryPolicy(
                initial_interval=timedelta(seconds=1),
                backoff_coefficient=2.0,
                maximum_interval=timedelta(seconds=100),
                maximum_attempts=3,
            ),
        )
        log.info("Step transform: data_transformation")
        transform_result = await workflow.step(
            function=data_transformation,
            function_input=validate_result,
            start_to_close_timeout=timedelta(minutes=2),
            retry_policy=RetryPolicy(
                initial_interval=timedelta(seconds=1),
                backoff_coefficient=2.0,
                maximum_interval=timedelta(seconds=100),
                maximum_attempts=3,
            ),
        )
        log.info("DataProcessor completed")
        return transform_result
