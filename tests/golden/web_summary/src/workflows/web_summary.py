from datetime import timedelta

from restack_ai.workflow import RetryPolicy, import_functions, log, workflow

with import_functions():
    from src.functions.fetch_page import fetch_page
    from src.functions.summarise import summarise
    from src.models import (
        FetchPageInput,
        SummariseInput,
        WebSummaryInput,
        WebSummaryOutput,
    )


@workflow.defn()
class WebSummary:
    """Fetches a web page and summarises it."""

    @workflow.run
    async def run(self, workflow_input: WebSummaryInput) -> WebSummaryOutput:
        log.info("WebSummary started")
        log.info("Step fetch: fetch_page")
        fetch_result = await workflow.step(
            function=fetch_page,
            function_input=FetchPageInput(url=workflow_input.url),
            start_to_close_timeout=timedelta(seconds=30),
            retry_policy=RetryPolicy(maximum_attempts=3),
        )
        log.info("Step summarise: summarise")
        summarise_result = await workflow.step(
            function=summarise,
            function_input=SummariseInput(
                text=fetch_result.text,
                max_words=workflow_input.max_words,
            ),
            start_to_close_timeout=timedelta(minutes=1),
            retry_policy=RetryPolicy(maximum_attempts=3),
        )
        log.info("WebSummary completed")
        return WebSummaryOutput(
            title=fetch_result.title,
            summary=summarise_result.summary,
        )
