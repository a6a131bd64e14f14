from restack_ai.function import function, log

from src.models import LookupPersonInput, LookupPersonOutput


@function.defn()
async def lookup_person(input: LookupPersonInput) -> LookupPersonOutput:
    """Finds the person behind an email address."""
    log.info("lookup_person started")
    # TODO: implement lookup_person: Finds the person behind an email address.
    return LookupPersonOutput(full_name="", title=None)
