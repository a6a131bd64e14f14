import datetime as dt
import time
from datetime import date, datetime
from time import monotonic as mono

from restack_ai.workflow import workflow


def unrelated():
    return datetime.now()  # never called from a workflow: function code


@workflow.defn()
class Report:
    @workflow.run
    async def run(self):
        started = workflow.now()
        a = datetime.now()  # error: RSG101
        b = dt.datetime.utcnow()  # error: RSG101
        c = date.today()  # error: RSG101
        d = time.time()  # error: RSG101
        e = mono()  # error: RSG101
        f = stamp()
        h = dt.timedelta(seconds=3)
        return started

    @workflow.signal
    async def other(self, datetime):
        return datetime.now()  # a parameter named datetime is not the module


def stamp():
    return datetime.now()  # error: RSG101
