from restack_ai.function import function, log

from src.models import Address, Contact, SummarizeTypesInput, SummarizeTypesOutput


@function.defn()
async def summarize_types(input: SummarizeTypesInput) -> SummarizeTypesOutput:
    log.info("summarize_types started")
    # TODO: implement summarize_types
    return SummarizeTypesOutput(
        report="",
        contact=Contact(name="", emails=set(), address=Address(street="", city="")),
        weights={},
    )
