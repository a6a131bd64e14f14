#!/usr/bin/python3
"""The Python Jinja2 side of the benchmark: renders TEMPLATE with DATA like `restack-gen render`."""
import json
import os
import sys

import jinja2


def main():
    template, data = sys.argv[1], sys.argv[2]
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(os.path.dirname(os.path.abspath(template))),
                             trim_blocks=True, lstrip_blocks=True)
    with open(data) as f:
        context = json.load(f)
    sys.stdout.write(env.get_template(os.path.basename(template)).render(**context))


if __name__ == "__main__":
    main()
