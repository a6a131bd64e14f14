import asyncio
from datetime import timedelta

from restack_ai.agent import agent
from restack_ai.workflow import import_functions, workflow

with import_functions():
    from src.functions.send import send


@workflow.defn()
class Welcome:
    @workflow.run
    async def run(self):
        workflow.step(function=send, start_to_close_timeout=timedelta(seconds=30))  # error: RSG201
        workflow.child_execute(workflow=Welcome, workflow_id="w")  # error: RSG201
        workflow.sleep(5)  # error: RSG201
        await workflow.step(function=send, start_to_close_timeout=timedelta(seconds=30))
        pending = [workflow.step(function=send, start_to_close_timeout=timedelta(seconds=30)) for _ in range(3)]
        await asyncio.gather(*pending)
        task = workflow.step(function=send, start_to_close_timeout=timedelta(seconds=30))
        await task
        return await workflow.child_execute(workflow=Welcome, workflow_id="w")


@agent.defn()
class Helper:
    @agent.run
    async def run(self):
        agent.child_start(agent=Helper, agent_id="a")  # error: RSG201
        await agent.condition(lambda: True)
