from restack_ai.workflow import log, workflow


@workflow.defn()
class Greet:
    @workflow.run
    async def run(self, name: str):
        print("greeting", name)  # error: RSG112
        log.info("greeting", name=name)
        return self.render(name)

    def render(self, name):
        print = log.info
        print(name)


def main():
    print("function code may print")
