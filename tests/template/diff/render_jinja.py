#!/usr/bin/python3
"""Renders every differential case with Python Jinja2 in one process and prints the results
as JSON: {case: {"ok": true, "out": TEXT} or {"ok": false, "error": "Type: message", "line": N}}.

usage: render_jinja.py CASES_FILE...

Case files hold many cases (see README.md next to this script):
    === NAME [trim_blocks] [lstrip_blocks] [keep_trailing_newline] [strict_undefined]
    --- data
    {"json": "object"}
    --- file base.j2
    ...
    --- template
    ...
Each section's text is the lines up to the next marker, minus the final newline.
"""
import json
import sys

import jinja2


def parse_cases(path):
    cases = []
    current = None
    section = None
    buf = []

    def flush():
        if current is not None and section is not None:
            text = "\n".join(buf)
            if section == "data":
                current["data"] = json.loads(text) if text.strip() else {}
            elif section == "template":
                current["files"]["t.j2"] = text
            else:
                current["files"][section] = text

    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for line in lines:
        if line.startswith("=== "):
            flush()
            parts = line[4:].split()
            current = {"name": parts[0], "options": parts[1:], "data": {}, "files": {}}
            cases.append(current)
            section = None
            buf = []
        elif line.startswith("--- ") and current is not None:
            flush()
            word = line[4:].strip()
            section = word[5:].strip() if word.startswith("file ") else word
            buf = []
        elif current is not None and section is not None:
            buf.append(line)
    flush()
    return cases


def render(case):
    opts = {o: True for o in case["options"] if o != "strict_undefined"}
    if "strict_undefined" in case["options"]:
        opts["undefined"] = jinja2.StrictUndefined
    env = jinja2.Environment(loader=jinja2.DictLoader(case["files"]), **opts)
    try:
        out = env.get_template("t.j2").render(**case["data"])
        return {"ok": True, "out": out}
    except Exception as e:  # any Jinja2 or Python error: both must fail
        return {"ok": False, "error": "%s: %s" % (type(e).__name__, e), "line": getattr(e, "lineno", None)}


def main():
    results = {}
    for path in sys.argv[1:]:
        for case in parse_cases(path):
            results[case["name"]] = render(case)
    json.dump(results, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
