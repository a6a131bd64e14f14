import os
from os import getenv

from restack_ai.workflow import workflow

MODEL = os.environ.get("MODEL", "gpt-4o")  # module level: runs at import, not on replay


@workflow.defn()
class Notify:
    @workflow.run
    async def run(self):
        a = os.environ["SLACK_CHANNEL"]  # error: RSG104
        b = getenv("X")  # error: RSG104
        c = os.getpid()  # error: RSG104
        d = os.path.join("a", "b")
        e = os.sep
        return MODEL
