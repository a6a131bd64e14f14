"""Models of web-summary: the spec's models and every workflow and function input and output."""

from pydantic import BaseModel, Field


class WebSummaryInput(BaseModel):
    """Input of the WebSummary workflow."""

    url: str = Field(..., description="The page to summarise")
    max_words: int = 100


class WebSummaryOutput(BaseModel):
    """Output of the WebSummary workflow."""

    title: str
    summary: str


class FetchPageInput(BaseModel):
    """Input of the fetch_page function."""

    url: str


class FetchPageOutput(BaseModel):
    """Output of the fetch_page function."""

    title: str
    text: str


class SummariseInput(BaseModel):
    """Input of the summarise function."""

    text: str
    max_words: int


class SummariseOutput(BaseModel):
    """Output of the summarise function."""

    summary: str
