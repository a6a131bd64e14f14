import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

from restack_ai.workflow import workflow


@workflow.defn()
class Batch:
    @workflow.run
    async def run(self, items):
        with ThreadPoolExecutor() as pool:  # error: RSG108
            pass
        t = threading.Thread(target=print)  # error: RSG108
        r = await asyncio.to_thread(len, items)  # error: RSG108
        return await asyncio.gather(*[self.one(i) for i in items])
