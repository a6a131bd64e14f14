"""Models of support-triage: the spec's models and every workflow and function input and output."""

from typing import Literal

from pydantic import BaseModel, Field


class SupportTriageInput(BaseModel):
    """Input of the SupportTriage workflow."""

    ticket_id: str
    subject: str
    body: str
    customer_tier: Literal["free", "pro", "enterprise"] = "free"


class SupportTriageOutput(BaseModel):
    """Output of the SupportTriage workflow."""

    category: str
    reply: str
    queue: str


class ClassifyTicketInput(BaseModel):
    """Input of the classify_ticket function."""

    subject: str
    body: str


class ClassifyTicketOutput(BaseModel):
    """Output of the classify_ticket function."""

    category: Literal["billing", "bug", "question", "other"]
    urgency: int = Field(..., description="1 (low) to 5 (drop everything)")


class DraftReplyInput(BaseModel):
    """Input of the draft_reply function."""

    body: str
    category: str
    customer_tier: str


class DraftReplyOutput(BaseModel):
    """Output of the draft_reply function."""

    reply: str


class PickSupportQueueInput(BaseModel):
    """Input of the pick_support_queue function."""

    category: Literal["billing", "bug", "question", "other"]
    urgency: int
    tier: Literal["free", "pro", "enterprise"]


class PickSupportQueueOutput(BaseModel):
    """Output of the pick_support_queue function."""

    queue: str


# Derived models that are the same as another model (a function passing data through).
NotifySupportAgentInput = PickSupportQueueOutput
NotifySupportAgentOutput = PickSupportQueueOutput
