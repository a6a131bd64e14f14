import random
import secrets
import uuid
from random import choice

from restack_ai.workflow import uuid as restack_uuid
from restack_ai.workflow import workflow


@workflow.defn()
class Order:
    @workflow.run
    async def run(self, items: list[str]):
        a = random.randint(1, 6)  # error: RSG103
        b = choice(items)  # error: RSG103
        c = uuid.uuid4()  # error: RSG103
        d = secrets.token_hex(8)  # error: RSG103
        e = restack_uuid()
        f = uuid.UUID("12345678123456781234567812345678")
        return self.pick(items)

    def pick(self, items):
        random = Dice()
        return random.choice(items)  # a local variable named random is not the module


def outside():
    return uuid.uuid4()
