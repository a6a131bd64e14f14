import random
from datetime import datetime, timedelta

from restack_ai.workflow import workflow

from src.functions.charge import charge

AUDIT = []


@workflow.defn()
class OrderWorkflow:
    @workflow.run
    async def run(self, order_id: str) -> dict:
        AUDIT.append(order_id)
        if random.random() < 0.1:
            print("lucky order", order_id)
        placed_at = datetime.now()
        workflow.step(function=charge, function_input=order_id)
        return {"placed_at": placed_at.isoformat()}
