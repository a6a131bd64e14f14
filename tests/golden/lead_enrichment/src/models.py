"""Models of lead-enrichment: the spec's models and every workflow and function input and output."""

from datetime import date
from decimal import Decimal
from typing import List, Optional

from pydantic import BaseModel, Field


class LeadEnrichmentInput(BaseModel):
    """Input of the LeadEnrichment workflow."""

    email: str = Field(..., description="The lead's work email")
    company_domain: str


class LeadEnrichmentOutput(BaseModel):
    """Output of the LeadEnrichment workflow."""

    score: float
    summary: str


class LookupPersonInput(BaseModel):
    """Input of the lookup_person function."""

    email: str


class LookupPersonOutput(BaseModel):
    """Output of the lookup_person function."""

    full_name: str
    title: Optional[str]


class LookupCompanyInput(BaseModel):
    """Input of the lookup_company function."""

    company_domain: str


class LookupCompanyOutput(BaseModel):
    """Output of the lookup_company function."""

    company_name: str
    employees: int


class FetchFundingInput(BaseModel):
    """Input of the fetch_funding function."""

    company_domain: str


class FetchFundingOutput(BaseModel):
    """Output of the fetch_funding function."""

    total_raised: Decimal
    last_round: Optional[date]


class FetchNewsInput(BaseModel):
    """Input of the fetch_news function."""

    company_domain: str


class FetchNewsOutput(BaseModel):
    """Output of the fetch_news function."""

    headlines: List[str]


class ScoreLeadInput(BaseModel):
    """Input of the score_lead function."""

    full_name: str
    title: Optional[str]
    employees: int
    total_raised: Decimal
    headlines: List[str]


class ScoreLeadOutput(BaseModel):
    """Output of the score_lead function."""

    score: float
    summary: str
