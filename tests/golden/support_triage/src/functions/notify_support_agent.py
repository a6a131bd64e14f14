from restack_ai.function import function, log

from src.models import NotifySupportAgentInput, NotifySupportAgentOutput


@function.defn()
async def notify_support_agent(
    input: NotifySupportAgentInput,
) -> NotifySupportAgentOutput:
    log.info("notify_support_agent started")
    # TODO: implement notify_support_agent
    return NotifySupportAgentOutput(queue="")
