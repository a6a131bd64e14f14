from restack_ai.function import function, log

from src.models import DraftReplyInput, DraftReplyOutput


@function.defn()
async def draft_reply(input: DraftReplyInput) -> DraftReplyOutput:
    """Drafts a first answer to the customer."""
    log.info("draft_reply started")
    # TODO: implement draft_reply: Drafts a first answer to the customer.
    return DraftReplyOutput(reply="")
