#!/usr/bin/python3
"""The reference pipeline: renders restack-gen's templates with Python Jinja2 from a dumped
context (`restack-gen generate --dump-context`), writing the same files restack-gen writes.

    render_reference.py CONTEXT.json TEMPLATES_DIR OUT_DIR
    render_reference.py --spec SPEC.yaml --context CONTEXT.json TEMPLATES_DIR OUT_DIR

The second form also loads the spec with PyYAML first, so that a benchmark charges the
reference with the work a Python generator must do (parse the spec) as well as the rendering.
Used by the differential test (our engine must produce identical bytes) and bench/generate.sh.
"""
import json
import os
import sys

import jinja2


def render(context, templates_dir, out_dir):
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
    )
    files = context["files"]
    whole = {k: v for k, v in context.items() if k != "files"}
    for entry in files:
        template = env.get_template(entry["template"])
        item = entry["item"]
        if item:
            kind, index = item.split("/")
            key = "function" if kind == "functions" else "workflow"
            data = {
                "generator": context["generator"],
                "project": context["project"],
                key: context[kind][int(index)],
            }
        else:
            data = whole
        text = template.render(data)
        path = os.path.join(out_dir, entry["path"])
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)


def main(argv):
    spec = None
    if argv and argv[0] == "--spec":
        spec, argv = argv[1], argv[2:]
        if argv[0] == "--context":
            argv = argv[1:]
    context_path, templates_dir, out_dir = argv
    if spec:
        import yaml

        with open(spec, encoding="utf-8") as f:
            yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    with open(context_path, encoding="utf-8") as f:
        context = json.load(f)
    render(context, templates_dir, out_dir)


if __name__ == "__main__":
    main(sys.argv[1:])
