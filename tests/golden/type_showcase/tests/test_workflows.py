"""Runs every workflow of type-showcase in process, on example input built from its schema.

A workflow normally runs inside a Restack engine, so with the real restack-ai these tests are
skipped. With an in-process stand-in for restack_ai on PYTHONPATH (restack-gen's own tests use
one) the steps run as plain function calls and the tests check each workflow end to end.
"""
import asyncio
from uuid import UUID

import pytest
import restack_ai

from src.models import (
    Address,
    Contact,
    Measurement,
    TypeShowcaseInput,
    TypeShowcaseOutput,
)
from src.workflows.type_showcase import TypeShowcase

STANDIN = getattr(restack_ai, "STANDIN", False)
needs_standin = pytest.mark.skipif(
    not STANDIN, reason="needs an in-process restack_ai stand-in (or a Restack engine)"
)


@needs_standin
def test_type_showcase_runs() -> None:
    workflow_input = TypeShowcaseInput(
        contact=Contact(
            name="example",
            emails={"example"},
            address=Address(street="example", city="example"),
        ),
        scores={"example": 1.5},
        point=(1.5, 1.5),
        samples=(1,),
        identifier=1,
        maybe_note="example",
        maybe_contact=Contact(
            name="example",
            emails={"example"},
            address=Address(street="example", city="example"),
        ),
        weights={"low": 1},
        by_id={UUID("12345678-1234-5678-1234-567812345678"): "example"},
        ids={1},
        raw=b"example",
        anything="example",
        loose_list=["example"],
        loose_dict={"example": "example"},
        loose_set=set(),
        nested=[{"example": 1}],
        measurements=[Measurement(value=1.5, unit="kg")],
    )
    result = asyncio.run(TypeShowcase().run(workflow_input))
    assert isinstance(result, TypeShowcaseOutput)
