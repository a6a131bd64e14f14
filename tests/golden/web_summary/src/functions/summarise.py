from restack_ai.function import function, log

from src.models import SummariseInput, SummariseOutput


@function.defn()
async def summarise(input: SummariseInput) -> SummariseOutput:
    """Summarises the text in at most max_words words."""
    log.info("summarise started")
    # TODO: implement summarise: Summarises the text in at most max_words words.
    return SummariseOutput(summary="")
