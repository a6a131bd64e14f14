from restack_ai.function import function, log

from src.models import ProbeUrlInput, ProbeUrlOutput


@function.defn()
async def probe_url(input: ProbeUrlInput) -> ProbeUrlOutput:
    log.info("probe_url started")
    # TODO: implement probe_url
    return ProbeUrlOutput(status=None, latency_ms=None)
