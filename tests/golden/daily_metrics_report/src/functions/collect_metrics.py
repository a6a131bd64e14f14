from restack_ai.function import function

from src.models import CollectMetricsOutput

from decimal import Decimal


@function.defn()
async def collect_metrics() -> CollectMetricsOutput:
    """Reads yesterday's counters."""
    return CollectMetricsOutput(signups=0, revenue=Decimal("0"), errors_by_service={})
