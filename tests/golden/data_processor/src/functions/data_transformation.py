from restack_ai.function import function, log

from src.models import DataTransformationInput, DataTransformationOutput


@function.defn()
async def data_transformation(
    input: DataTransformationInput,
) -> DataTransformationOutput:
    log.info("data_transformation started")
    # TODO: implement data_transformation
    return DataTransformationOutput(processed_data={}, metadata={})
