from datetime import timedelta

from restack_ai.workflow import import_functions, workflow

import src.functions as functions
from src.functions.direct import direct_fn

with import_functions():
    from src.functions.passed import passed_fn
    from src.functions import grouped


async def local_fn():
    return 1


@workflow.defn()
class Flow:
    @workflow.run
    async def run(self):
        t = timedelta(seconds=5)
        await workflow.step(function=direct_fn, start_to_close_timeout=t)  # error: RSG203
        await workflow.step(function=functions.other, start_to_close_timeout=t)  # error: RSG203
        await workflow.step(function=passed_fn, start_to_close_timeout=t)
        await workflow.step(function=grouped.thing, start_to_close_timeout=t)
        await workflow.step(function=local_fn, start_to_close_timeout=t)
