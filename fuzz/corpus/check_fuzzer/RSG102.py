import asyncio
import time
from time import sleep as nap

from restack_ai.agent import agent


async def poll():
    time.sleep(1)  # function code: RSG301's business, not this rule's


@agent.defn()
class Reminder:
    @agent.event
    async def remind(self, ev: dict):
        await asyncio.sleep(5)  # error: RSG102
        nap(1)  # error: RSG102
        await agent.sleep(5)
        await asyncio.gather(self.a(), self.b())
        return ev

    @agent.run
    async def run(self):
        time.sleep(2)  # error: RSG102
        await agent.condition(lambda: True)
