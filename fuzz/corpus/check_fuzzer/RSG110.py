from restack_ai.workflow import workflow


@workflow.defn()
class Notify:
    def __init__(self):
        self.users = set()
        self.order = []

    @workflow.run
    async def run(self, users: list[str]):
        for u in set(users):  # error: RSG110
            pass
        seen = {u for u in users}
        for u in seen:  # error: RSG110
            pass
        for u in self.users:  # error: RSG110
            pass
        for u in sorted(set(users)):
            pass
        for u in self.order:
            pass
        names = [n for n in {"a", "b"}]  # error: RSG110
        return [u for u in users]
