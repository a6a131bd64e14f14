from restack_ai.function import function, log

from src.models import ScoreLeadInput, ScoreLeadOutput


@function.defn()
async def score_lead(input: ScoreLeadInput) -> ScoreLeadOutput:
    """Scores the lead from 0 to 100."""
    log.info("score_lead started")
    # TODO: implement score_lead: Scores the lead from 0 to 100.
    return ScoreLeadOutput(score=0.0, summary="")
