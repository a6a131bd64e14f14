"""Models of type-showcase: the spec's models and every workflow and function input and output."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, Dict, List, Literal, Optional, Set, Tuple, Union
from uuid import UUID

from pydantic import BaseModel, Field


class Address(BaseModel):
    street: str
    city: str
    postcode: Optional[str] = Field(None, description="Not every country has postcodes")


class Contact(BaseModel):
    name: str
    emails: Set[str]
    address: Address
    previous_addresses: List[Address] = []
    tags: List[str] = ["new"]


class Measurement(BaseModel):
    value: float
    unit: Literal["kg", "lb"]


class TypeShowcaseInput(BaseModel):
    """Input of the TypeShowcase workflow."""

    contact: Contact
    scores: Dict[str, float]
    point: Tuple[float, float]
    samples: Tuple[int, ...]
    identifier: Union[int, str]
    maybe_note: Optional[str]
    maybe_contact: Optional[Contact]
    weights: Dict[Literal["low", "high"], int]
    by_id: Dict[UUID, str]
    ids: Set[int]
    raw: bytes
    anything: Any
    loose_list: List[Any]
    loose_dict: Dict[str, Any]
    loose_set: Set[Any]
    nested: Optional[List[Dict[str, Union[int, float, None]]]]
    measurements: List[Measurement]
    created_at: datetime = datetime.fromisoformat("2026-01-01T00:00:00+00:00")
    birthday: date = date.fromisoformat("2000-02-29")
    wake_up: time = time.fromisoformat("07:30:00")
    grace: timedelta = Field(
        timedelta(hours=1),
        description="Seconds, or an ISO 8601 duration string",
    )
    price: Decimal = Decimal("9.99")
    request_id: UUID = UUID("123e4567-e89b-12d3-a456-426614174000")
    mode: Literal["fast", "slow", 3, True, None] = "fast"
    ratio: float = 1.0
    enabled: bool = True
    limits: Dict[str, int] = {"hard": 20, "soft": 10}
    pair: Tuple[str, int] = ("a", 1)


class TypeShowcaseOutput(BaseModel):
    """Output of the TypeShowcase workflow."""

    report: str
    contact: Contact
    weights: Dict[str, int]


# Derived models that are the same as another model (a function passing data through).
SummarizeTypesInput = TypeShowcaseInput
SummarizeTypesOutput = TypeShowcaseOutput
