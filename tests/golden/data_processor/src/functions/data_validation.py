from restack_ai.function import function, log

from src.models import DataValidationInput, DataValidationOutput


@function.defn()
async def data_validation(input: DataValidationInput) -> DataValidationOutput:
    log.info("data_validation started")
    # TODO: implement data_validation
    return DataValidationOutput(data={})
