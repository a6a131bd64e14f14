"""Models of daily-metrics-report: the spec's models and every workflow and function input and output."""

from decimal import Decimal
from typing import Dict

from pydantic import BaseModel


class CollectMetricsOutput(BaseModel):
    """Output of the collect_metrics function."""

    signups: int
    revenue: Decimal
    errors_by_service: Dict[str, int]


class PostReportInput(BaseModel):
    """Input of the post_report function."""

    signups: int
    revenue: Decimal
    errors_by_service: Dict[str, int]
    channel: str = "#metrics"
