from restack_ai.function import function, log

from src.models import LookupCompanyInput, LookupCompanyOutput


@function.defn()
async def lookup_company(input: LookupCompanyInput) -> LookupCompanyOutput:
    log.info("lookup_company started")
    # TODO: implement lookup_company
    return LookupCompanyOutput(company_name="", employees=0)
