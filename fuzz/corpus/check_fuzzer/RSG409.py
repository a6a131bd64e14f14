import ssl

import httpx
import requests


def call(url: str):
    requests.get(url, verify=False, timeout=5)  # error: RSG409
    httpx.Client(verify=False)  # error: RSG409
    ctx = ssl._create_unverified_context()  # error: RSG409
    ctx2 = ssl.create_default_context()
    ctx2.check_hostname = False  # error: RSG409
    requests.get(url, verify=True, timeout=5)
    requests.get(url, verify="/etc/ssl/ca.pem", timeout=5)
    return ctx
