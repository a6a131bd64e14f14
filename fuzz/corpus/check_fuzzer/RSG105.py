import os
import shutil
from pathlib import Path

from restack_ai.workflow import workflow


@workflow.defn()
class Ingest:
    @workflow.run
    async def run(self, path: str):
        with open(path) as f:  # error: RSG105
            text = f.read()
        p = Path(path)  # error: RSG105
        ok = os.path.exists(path)  # error: RSG105
        shutil.copy(path, "/tmp/x")  # error: RSG105
        name = os.path.basename(path)
        return text


def read_it(path: str) -> str:
    return Path(path).read_text()
