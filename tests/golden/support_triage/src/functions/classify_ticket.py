from restack_ai.function import function, log

from src.models import ClassifyTicketInput, ClassifyTicketOutput


@function.defn()
async def classify_ticket(input: ClassifyTicketInput) -> ClassifyTicketOutput:
    """Sorts the ticket into a category and rates its urgency."""
    log.info("classify_ticket started")
    # TODO: implement classify_ticket: Sorts the ticket into a category and rates its urgency.
    return ClassifyTicketOutput(category="billing", urgency=0)
