import asyncio
import subprocess
import time

import requests

from restack_ai.function import function


@function.defn()
async def fetch(url: str) -> str:
    time.sleep(1)  # error: RSG301
    r = requests.get(url, timeout=10)  # error: RSG301
    with open("big.txt") as f:
        data = f.read()  # error: RSG301
    head = open("big.txt").read(1024)
    subprocess.run(["ls"], check=True)  # error: RSG301
    await asyncio.sleep(1)
    return r.text


def sync_fetch(url: str) -> str:
    time.sleep(1)
    return requests.get(url, timeout=10).text
