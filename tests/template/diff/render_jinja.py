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


def split_words(s):
    """Model of restack-gen's word splitting for the *_case filters (docs/templates.md)."""
    words, cur = [], ""
    for i, c in enumerate(s):
        if not c.isalnum():
            if cur:
                words.append(cur)
            cur = ""
            continue
        if cur and c.isupper():
            prev = cur[-1]
            next_lower = i + 1 < len(s) and s[i + 1].islower()
            if prev.islower() or prev.isdigit() or (prev.isupper() and next_lower):
                words.append(cur)
                cur = ""
        cur += c
    if cur:
        words.append(cur)
    return words


def python_repr(v):
    if isinstance(v, jinja2.Undefined):
        v._fail_with_undefined_error()
    if isinstance(v, float) and v != v:
        return "float('nan')"
    if isinstance(v, float) and v in (float("inf"), float("-inf")):
        return "float('inf')" if v > 0 else "float('-inf')"
    if isinstance(v, (list, tuple)):
        inner = ", ".join(python_repr(x) for x in v)
        if isinstance(v, tuple):
            return "(" + inner + ("," if len(v) == 1 else "") + ")"
        return "[" + inner + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(python_repr(k) + ": " + python_repr(x) for k, x in v.items()) + "}"
    return repr(v)


OUR_FILTERS = {
    "snake_case": lambda s: "_".join(w.lower() for w in split_words(str(s))),
    "kebab_case": lambda s: "-".join(w.lower() for w in split_words(str(s))),
    "camel_case": lambda s: "".join(w.lower() if i == 0 else w.capitalize() for i, w in enumerate(split_words(str(s)))),
    "pascal_case": lambda s: "".join(w.capitalize() for w in split_words(str(s))),
    "python_repr": python_repr,
}


def render(case):
    opts = {o: True for o in case["options"] if o != "strict_undefined"}
    if "strict_undefined" in case["options"]:
        opts["undefined"] = jinja2.StrictUndefined
    env = jinja2.Environment(loader=jinja2.DictLoader(case["files"]), **opts)
    env.filters.update(OUR_FILTERS)
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
