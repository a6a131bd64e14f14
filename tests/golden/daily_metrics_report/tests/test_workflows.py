"""Runs every workflow of daily-metrics-report in process, on example input built from its schema.

A workflow normally runs inside a Restack engine, so with the real restack-ai these tests are
skipped. With an in-process stand-in for restack_ai on PYTHONPATH (restack-gen's own tests use
one) the steps run as plain function calls and the tests check each workflow end to end.
"""
import asyncio

import pytest
import restack_ai

from src.workflows.daily_metrics_report import DailyMetricsReport

STANDIN = getattr(restack_ai, "STANDIN", False)
needs_standin = pytest.mark.skipif(
    not STANDIN, reason="needs an in-process restack_ai stand-in (or a Restack engine)"
)


@needs_standin
def test_daily_metrics_report_runs() -> None:
    asyncio.run(DailyMetricsReport().run())
