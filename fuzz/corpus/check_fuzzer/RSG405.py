import yaml
from yaml import load, SafeLoader


def read(text: str):
    a = yaml.load(text)  # error: RSG405
    b = yaml.load(text, Loader=yaml.Loader)  # error: RSG405
    c = yaml.unsafe_load(text)  # error: RSG405
    d = load(text, yaml.FullLoader)  # error: RSG405
    e = yaml.safe_load(text)
    f = yaml.load(text, Loader=yaml.SafeLoader)
    g = load(text, SafeLoader)
    h = yaml.load(text, Loader=yaml.CSafeLoader)
    return a, b, c, d, e, f, g, h
