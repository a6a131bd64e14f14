import subprocess
from subprocess import Popen


def run(cmd: str, name: str):
    subprocess.run(cmd, shell=True)  # error: RSG406
    Popen(f"convert {name}", shell=True)  # error: RSG406
    subprocess.getoutput(cmd)  # error: RSG406
    subprocess.run(["convert", name], check=True)
    subprocess.run(["ls"], shell=False)
