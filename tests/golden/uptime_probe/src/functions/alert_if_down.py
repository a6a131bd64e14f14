from restack_ai.function import function, log

from src.models import AlertIfDownInput, AlertIfDownOutput


@function.defn()
async def alert_if_down(input: AlertIfDownInput) -> AlertIfDownOutput:
    log.info("alert_if_down started")
    # TODO: implement alert_if_down
    return AlertIfDownOutput(healthy=False)
