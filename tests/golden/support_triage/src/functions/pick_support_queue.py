from restack_ai.function import function, log

from src.models import PickSupportQueueInput, PickSupportQueueOutput


@function.defn()
async def pick_support_queue(input: PickSupportQueueInput) -> PickSupportQueueOutput:
    log.info("pick_support_queue started")
    # TODO: implement pick_support_queue
    return PickSupportQueueOutput(queue="")
