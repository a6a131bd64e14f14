import pickle
import shelve
from pickle import loads as unpickle


def load(blob: bytes, path: str):
    a = pickle.loads(blob)  # error: RSG404
    b = unpickle(blob)  # error: RSG404
    c = shelve.open(path)  # error: RSG404
    d = pickle.dumps(a)
    e = json.loads(blob)
    return a, b, c, d, e
