import os
from os import popen


def run(cmd: str):
    os.system(cmd)  # error: RSG407
    popen(cmd)  # error: RSG407
    os.path.join("a", cmd)
    system = lambda c: c
    system(cmd)
