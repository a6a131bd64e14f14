from restack_ai.workflow import workflow

SEEN = []
CONFIG = {"retries": 3}
counter = 0


@workflow.defn()
class Track:
    def __init__(self):
        self.seen = []

    @workflow.run
    async def run(self, item: str):
        global counter  # error: RSG111
        counter += 1
        SEEN.append(item)  # error: RSG111
        CONFIG["retries"] = 5  # error: RSG111
        self.seen.append(item)
        local = []
        local.append(item)
        retries = CONFIG["retries"]
        return retries


def setup():
    SEEN.append("x")
