import urllib.request
from urllib.request import urlopen

import requests
from requests import post


def fetch(url: str, **kw):
    a = requests.get(url)  # error: RSG302
    b = post(url, json={})  # error: RSG302
    c = urlopen(url)  # error: RSG302
    d = urllib.request.urlopen(url, None, 10)
    e = requests.get(url, timeout=10)
    f = requests.get(url, **kw)
    session = requests.Session()
    g = session.get(url)
    return a, b, c, d, e, f, g
