from restack_ai.agent import agent
from restack_ai.workflow import workflow


@workflow.defn()
class NoRun:  # error: RSG202
    async def go(self):
        return 1


@agent.defn()
class AgentNoRun:  # error: RSG202
    @agent.event
    async def messages(self, ev):
        return ev


@workflow.defn()
class HasRun:
    @workflow.run
    async def run(self):
        return 1


@workflow.defn()
class Inherits(HasRun):
    pass


class PlainClass:
    async def go(self):
        return 1
