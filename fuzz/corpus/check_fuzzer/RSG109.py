import asyncio
from asyncio import as_completed

from restack_ai.workflow import workflow


@workflow.defn()
class FanOut:
    @workflow.run
    async def run(self, tasks):
        done, pending = await asyncio.wait(tasks)  # error: RSG109
        for fut in as_completed(tasks):  # error: RSG109
            await fut
        return await asyncio.gather(*tasks)


async def outside(tasks):
    return await asyncio.wait(tasks)
