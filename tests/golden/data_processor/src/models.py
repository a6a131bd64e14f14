"""Models of data-processor: the spec's models and every workflow and function input and output."""

from typing import Any, Dict

from pydantic import BaseModel, Field


class DataProcessorInput(BaseModel):
    """Input of the DataProcessor workflow."""

    data: Dict[str, Any] = Field(..., description="Input data to process")


class DataProcessorOutput(BaseModel):
    """Output of the DataProcessor workflow."""

    processed_data: Dict[str, Any]
    metadata: Dict[str, str]


# Derived models that are the same as another model (a function passing data through).
DataValidationInput = DataProcessorInput
DataValidationOutput = DataProcessorInput
DataTransformationInput = DataProcessorInput
DataTransformationOutput = DataProcessorOutput
