from restack_ai.function import function, log

from src.models import FetchPageInput, FetchPageOutput


@function.defn()
async def fetch_page(input: FetchPageInput) -> FetchPageOutput:
    """Downloads the page and extracts its title and readable text."""
    log.info("fetch_page started")
    # TODO: implement fetch_page: Downloads the page and extracts its title and readable text.
    return FetchPageOutput(title="", text="")
