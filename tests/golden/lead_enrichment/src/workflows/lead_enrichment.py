import asyncio
from datetime import timedelta

from restack_ai.workflow import import_functions, log, workflow

with import_functions():
    from src.functions.fetch_funding import fetch_funding
    from src.functions.fetch_news import fetch_news
    from src.functions.lookup_company import lookup_company
    from src.functions.lookup_person import lookup_person
    from src.functions.score_lead import score_lead
    from src.models import (
        FetchFundingInput,
        FetchNewsInput,
        LeadEnrichmentInput,
        LeadEnrichmentOutput,
        LookupCompanyInput,
        LookupPersonInput,
        ScoreLeadInput,
    )


@workflow.defn()
class LeadEnrichment:
    """Enriches a sales lead from several sources at once, then scores it."""

    @workflow.run
    async def run(self, workflow_input: LeadEnrichmentInput) -> LeadEnrichmentOutput:
        log.info("LeadEnrichment started")
        log.info("Step gather: 4 steps in parallel")
        gather_results = await asyncio.gather(
            workflow.step(
                function=lookup_person,
                function_input=LookupPersonInput(email=workflow_input.email),
                start_to_close_timeout=timedelta(seconds=20),
            ),
            workflow.step(
                function=lookup_company,
                function_input=LookupCompanyInput(
                    company_domain=workflow_input.company_domain,
                ),
                start_to_close_timeout=timedelta(seconds=10),
            ),
            workflow.step(
                function=fetch_funding,
                function_input=FetchFundingInput(
                    company_domain=workflow_input.company_domain,
                ),
                start_to_close_timeout=timedelta(seconds=20),
            ),
            workflow.step(
                function=fetch_news,
                function_input=FetchNewsInput(
                    company_domain=workflow_input.company_domain,
                ),
                start_to_close_timeout=timedelta(seconds=20),
            ),
        )
        person_result = gather_results[0]
        company_result = gather_results[1]
        funding_result = gather_results[2]
        news_result = gather_results[3]
        log.info("Step cool_down: sleep 500ms")
        await workflow.sleep(0.5)
        log.info("Step score: score_lead")
        score_result = await workflow.step(
            function=score_lead,
            function_input=ScoreLeadInput(
                full_name=person_result.full_name,
                title=person_result.title,
                employees=company_result.employees,
                total_raised=funding_result.total_raised,
                headlines=news_result.headlines,
            ),
            start_to_close_timeout=timedelta(seconds=20),
        )
        log.info("LeadEnrichment completed")
        return LeadEnrichmentOutput(
            score=score_result.score,
            summary=score_result.summary,
        )
