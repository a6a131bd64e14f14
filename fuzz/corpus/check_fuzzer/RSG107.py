import os
import subprocess

from restack_ai.workflow import workflow


@workflow.defn()
class Build:
    @workflow.run
    async def run(self):
        subprocess.run(["make"], check=True)  # error: RSG107
        os.system("make")  # error: RSG107
        os.fork()  # error: RSG107


def build():
    subprocess.run(["make"], check=True)
