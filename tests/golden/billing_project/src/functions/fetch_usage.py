from restack_ai.function import function, log

from src.models import FetchUsageInput, FetchUsageOutput


@function.defn()
async def fetch_usage(input: FetchUsageInput) -> FetchUsageOutput:
    """Loads the customer's metered usage for one billing period."""
    log.info("fetch_usage started")
    # TODO: implement fetch_usage: Loads the customer's metered usage for one billing period.
    return FetchUsageOutput(items=[])
