#!/usr/bin/python3
"""Runs every workflow of a generated project in process with the restack_ai stand-in and
checks it against the plan in the dumped context (`restack-gen generate --dump-context`):

- the steps ran in the spec's order, each finishing before the next one started, except
  that the leaf steps of a parallel group all started before any of them finished;
- every function and child workflow received the input its mapping says (references resolved
  against the workflow input and earlier step outputs; literals as written);
- sleeps lasted what the spec says and steps ran on the task queue it says;
- the workflow returned its output model, filled as the output mapping says.

    run_workflows.py PROJECT_DIR CONTEXT.json [PROJECT_DIR CONTEXT.json]...

Prints one line per workflow and every failure; exits 1 on any failure.
"""
import asyncio
import importlib
import json
import os
import sys
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "standin"))

from restack_ai import _recorder  # noqa: E402


def example_input(context, workflow_name):
    """Builds the example input the generated tests use, by running their own code."""
    tests = context["tests"]
    entry = next(t for t in tests["workflows"] if t["name"] == workflow_name)
    if not entry["input"]:
        return None
    namespace = {}
    exec("\n".join(line for line in tests["import_lines"] if line.strip()) + "\n" + entry["input"], namespace)
    return namespace["workflow_input"]


def loosely_equal(actual, literal):
    if actual == literal:
        return True
    if str(actual) == str(literal):
        return True
    if hasattr(actual, "dict"):
        return json.loads(actual.json()) == literal
    if isinstance(actual, (set, tuple)) and isinstance(literal, list):
        return list(actual) == literal or sorted(map(str, actual)) == sorted(map(str, literal))
    return False


class Checker:
    def __init__(self, name):
        self.name = name
        self.failures = []

    def fail(self, message):
        self.failures.append(f"{self.name}: {message}")

    def expect_value(self, where, actual, spec, workflow_input, outputs):
        if "literal" in spec:
            if not loosely_equal(actual, spec["literal"]):
                self.fail(f"{where}: expected literal {spec['literal']!r}, got {actual!r}")
            return
        ref = spec["ref"].split(".")
        if ref[0] == "input":
            expected = workflow_input if len(ref) == 1 else getattr(workflow_input, ref[1])
        else:
            if ref[1] not in outputs:
                self.fail(f"{where}: refers to step {ref[1]}, which produced no output")
                return
            expected = outputs[ref[1]] if len(ref) == 2 else getattr(outputs[ref[1]], ref[2])
        if actual is not expected and actual != expected:
            self.fail(f"{where}: expected {spec['ref']} = {expected!r}, got {actual!r}")


def check_workflow(project_dir, context, wf):
    check = Checker(wf["name"])
    module = importlib.import_module(f"src.workflows.{wf['module']}")
    cls = getattr(module, wf["name"])
    workflow_input = example_input(context, wf["name"])
    _recorder.reset()
    try:
        result = asyncio.run(cls().run() if workflow_input is None else cls().run(workflow_input))
    except Exception:
        check.fail("raised:\n" + traceback.format_exc())
        return check.failures

    mine = [e for e in _recorder.events if e["workflow"] is None and e["kind"] != "log"]
    starts = [e for e in mine if e["kind"] in ("step_start", "child_start", "sleep_start")]
    plan = wf["plan"]["steps"]
    if len(starts) != len(plan):
        check.fail(f"expected {len(plan)} steps, {len(starts)} ran: {[e['kind'] for e in starts]}")
        return check.failures
    position = {id(e): i for i, e in enumerate(mine)}
    ends = {}
    for e in mine:
        if e["kind"] in ("step_end", "child_end", "sleep_end"):
            ends[id(e["start"])] = e
    outputs = {}
    for i, (step, event) in enumerate(zip(plan, starts)):
        where = f"step {step['name']}"
        kind = {"function": "step_start", "workflow": "child_start", "sleep": "sleep_start"}[step["kind"]]
        if event["kind"] != kind:
            check.fail(f"{where}: expected a {step['kind']} step, got {event['kind']}")
            continue
        if step["kind"] == "function" and event["function"] != step["target"]:
            check.fail(f"{where}: expected function {step['target']}, called {event['function']}")
        if step["kind"] == "workflow" and event["child"] != step["target"]:
            check.fail(f"{where}: expected child workflow {step['target']}, ran {event['child']}")
        if step["kind"] == "sleep" and abs(event["seconds"] - step["seconds"]) > 1e-9:
            check.fail(f"{where}: expected a sleep of {step['seconds']} s, slept {event['seconds']} s")
        if step["kind"] != "sleep" and (event["task_queue"] or "") != step["task_queue"]:
            check.fail(f"{where}: expected task queue {step['task_queue']!r}, got {event['task_queue']!r}")
        end = ends.get(id(event))
        if end is None:
            check.fail(f"{where}: never finished")
            continue
        inp = step["input"]
        if inp["mode"] == "whole":
            check.expect_value(f"{where} input", event["input"], inp["whole"], workflow_input, outputs)
        elif inp["mode"] == "fields":
            for field, spec in inp["fields"].items():
                check.expect_value(f"{where} input.{field}", getattr(event["input"], field), spec, workflow_input, outputs)
        elif event.get("input") is not None:
            check.fail(f"{where}: expected no input, got {event['input']!r}")
        if "output" in end:
            outputs[step["name"]] = end["output"]
        # Order: a step starts after every earlier step outside its own parallel group ended.
        for j in range(i):
            other = plan[j]
            if step["group"] and other["group"] == step["group"]:
                continue
            other_end = ends.get(id(starts[j]))
            if other_end is not None and position[id(other_end)] > position[id(event)]:
                check.fail(f"{where}: started before step {other['name']} finished")
    groups = {}
    for step, event in zip(plan, starts):
        if step["group"]:
            groups.setdefault(step["group"], []).append(event)
    for group, events in groups.items():
        if len(events) < 2:
            continue
        last_start = max(position[id(e)] for e in events)
        first_end = min(position[id(ends[id(e)])] for e in events if id(e) in ends)
        if last_start > first_end:
            check.fail(f"parallel group {group}: a step finished before all had started")

    out = wf["plan"]["output"]
    models = importlib.import_module("src.models")
    if wf["output_model"]:
        expected_cls = getattr(models, wf["output_model"])
        if not isinstance(result, expected_cls):
            check.fail(f"returned {type(result).__name__}, expected {wf['output_model']}")
        elif out["mode"] == "fields":
            for field, spec in out["fields"].items():
                check.expect_value(f"output.{field}", getattr(result, field), spec, workflow_input, outputs)
        elif out["mode"] == "last" and result is not outputs.get(out["step"]):
            check.fail(f"expected the output of step {out['step']} as the result")
    elif result is not None:
        check.fail(f"returned {result!r}, expected nothing")
    return check.failures


def run_project(project_dir, context_path):
    with open(context_path, encoding="utf-8") as f:
        context = json.load(f)
    for name in [m for m in sys.modules if m == "src" or m.startswith("src.")]:
        del sys.modules[name]
    sys.path.insert(0, os.path.abspath(project_dir))
    failures = []
    try:
        for wf in context["workflows"]:
            problems = check_workflow(project_dir, context, wf)
            status = "ok" if not problems else "FAILED"
            print(f"{project_dir}: {wf['name']}: {len(wf['plan']['steps'])} steps {status}")
            failures += problems
    finally:
        sys.path.remove(os.path.abspath(project_dir))
    return failures


def main(argv):
    failures = []
    for project_dir, context_path in zip(argv[::2], argv[1::2]):
        try:
            failures += run_project(project_dir, context_path)
        except Exception:
            failures.append(f"{project_dir}: " + traceback.format_exc())
    for f in failures:
        print(f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
