"""Runs every workflow of web-summary in process, on example input built from its schema.

A workflow normally runs inside a Restack engine, so with the real restack-ai these tests are
skipped. With an in-process stand-in for restack_ai on PYTHONPATH (restack-gen's own tests use
one) the steps run as plain function calls and the tests check each workflow end to end.
"""
import asyncio

import pytest
import restack_ai

from src.models import WebSummaryInput, WebSummaryOutput
from src.workflows.web_summary import WebSummary

STANDIN = getattr(restack_ai, "STANDIN", False)
needs_standin = pytest.mark.skipif(
    not STANDIN, reason="needs an in-process restack_ai stand-in (or a Restack engine)"
)


@needs_standin
def test_web_summary_runs() -> None:
    workflow_input = WebSummaryInput(url="example")
    result = asyncio.run(WebSummary().run(workflow_input))
    assert isinstance(result, WebSummaryOutput)
