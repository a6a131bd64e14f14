from restack_ai.function import function, log

from src.models import FetchNewsInput, FetchNewsOutput


@function.defn()
async def fetch_news(input: FetchNewsInput) -> FetchNewsOutput:
    log.info("fetch_news started")
    # TODO: implement fetch_news
    return FetchNewsOutput(headlines=[])
