from decimal import Decimal

from restack_ai.function import function, log

from src.models import FetchFundingInput, FetchFundingOutput


@function.defn()
async def fetch_funding(input: FetchFundingInput) -> FetchFundingOutput:
    log.info("fetch_funding started")
    # TODO: implement fetch_funding
    return FetchFundingOutput(total_raised=Decimal(0), last_round=None)
