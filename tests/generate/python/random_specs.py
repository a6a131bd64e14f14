#!/usr/bin/python3
"""Writes random valid workflow specs for the generator's property test.

    random_specs.py SEED COUNT OUT_DIR

Each spec is a project with 1-3 workflows: random names (some chosen to clash with what the
generated code imports: log, workflow, function, timedelta, asyncio...), field types drawn from
every type form, function steps with explicit or default data flow, undescribed functions,
sleeps, parallel groups (nested too), child workflows, retry policies, timeouts and task
queues. Deterministic for a seed.
"""
import os
import random
import sys

import yaml

SCALARS = ["str", "int", "float", "bool", "datetime", "date", "Decimal", "UUID", "Any", "bytes"]
CLASHING = ["log", "workflow", "function", "timedelta", "asyncio", "import_functions", "workflow_info", "main", "client"]


def type_expr(rng, depth=0):
    r = rng.random()
    if depth > 1 or r < 0.5:
        return rng.choice(SCALARS)
    inner = type_expr(rng, depth + 1)
    return rng.choice(
        [
            f"Optional[{inner}]",
            f"List[{inner}]",
            f"Dict[str, {inner}]",
            f"list[{inner}]",
            f"{inner} | None" if inner not in ("Any",) else "Any",
            f"Tuple[{inner}, ...]",
            'Literal["a", "b"]',
            f"Union[int, {inner}]" if inner not in ("int", "Any") else "Union[int, str]",
        ]
    )


def default_for(rng, t):
    simple = {"str": "text", "int": 7, "float": 2.5, "bool": True, "Decimal": "1.25", "date": "2024-02-29",
              "datetime": "2024-01-01T10:00:00", "UUID": "12345678-1234-5678-1234-567812345678"}
    return simple.get(t)


class Namer:
    def __init__(self, rng):
        self.rng = rng
        self.used = set()

    def snake(self, prefix):
        while True:
            if self.rng.random() < 0.2:
                name = self.rng.choice(CLASHING)
            else:
                name = f"{prefix}_{self.rng.randint(0, 999)}"
            if name not in self.used:
                self.used.add(name)
                return name

    def pascal(self, prefix):
        while True:
            name = f"{prefix}{self.rng.randint(0, 999)}"
            if name not in self.used:
                self.used.add(name)
                return name


def schema(rng, namer, n):
    fields = {}
    for _ in range(n):
        name = namer.snake("field") if rng.random() < 0.15 else f"f{rng.randint(0, 99)}_{rng.choice(['id', 'name', 'count', 'at'])}"
        t = type_expr(rng)
        if rng.random() < 0.3 and default_for(rng, t) is not None:
            fields[name] = {"type": t, "default": default_for(rng, t), "description": f"The {name}"}
        elif rng.random() < 0.3:
            fields[name] = {"type": t, "description": f"What {name} means"}
        else:
            fields[name] = t
    return fields


def make_project(seed):
    rng = random.Random(seed)
    namer = Namer(rng)
    functions = {}
    workflows = []
    for w_index in range(rng.randint(1, 3)):
        wname = namer.pascal("Flow")
        inputs = schema(rng, namer, rng.randint(1, 4))
        steps = []
        step_names = set()

        def step_name():
            while True:
                n = rng.choice(["fetch", "score", "load", "send", "log", "check", "build"]) + f"_{rng.randint(0, 99)}"
                if n not in step_names:
                    step_names.add(n)
                    return n

        def function_step(allow_undescribed=False):
            fname = namer.snake("fn")
            if allow_undescribed and rng.random() < 0.3:
                return {"name": step_name(), "function": fname}  # undescribed: takes the previous output
            fin = {k: v for k, v in list(inputs.items())[: rng.randint(0, len(inputs))]}
            out = schema(rng, namer, rng.randint(0, 3))
            functions[fname] = {"description": f"Does {fname}", "input_schema": fin or None, "output_schema": out or None}
            functions[fname] = {k: v for k, v in functions[fname].items() if v is not None}
            step = {"name": step_name(), "function": fname}
            if fin and rng.random() < 0.5:
                step["input"] = {k: f"input.{k}" for k in fin}
            if rng.random() < 0.3:
                step["timeout"] = rng.choice(["10s", "1m30s", 45, "500ms"])
            if rng.random() < 0.3:
                step["retry_policy"] = {"maximum_attempts": rng.randint(0, 5)}
            if rng.random() < 0.2:
                step["task_queue"] = rng.choice(["llm", "io", "slow.queue"])
            return step

        for _ in range(rng.randint(1, 4)):
            r = rng.random()
            if r < 0.15 and steps:
                steps.append({"name": step_name(), "type": "sleep", "duration": rng.choice(["5s", 2, "1h", "1.5h"])})
            elif r < 0.3:
                members = [function_step() for _ in range(rng.randint(2, 3))]
                if rng.random() < 0.4:
                    members.append({"name": step_name(), "type": "parallel", "steps": [function_step() for _ in range(2)]})
                # Parallel members cannot take a sibling's output: only described functions here.
                members = [m for m in members if m.get("type") == "parallel" or m["function"] in functions]
                for m in members:
                    if m.get("type") == "parallel":
                        m["steps"] = [s for s in m["steps"] if s["function"] in functions] or [function_step_described(rng, namer, functions, inputs, step_name)]
                if len(members) >= 1:
                    steps.append({"name": step_name(), "type": "parallel", "steps": members})
            elif r < 0.4 and workflows:
                child = rng.choice(workflows)
                step = {"name": step_name(), "type": "workflow", "workflow": child["name"]}
                if "input_schema" in child:
                    step["input"] = {k: v["default"] if isinstance(v, dict) and "default" in v else None for k, v in child["input_schema"].items()}
                    step["input"] = {k: v for k, v in step["input"].items() if v is not None}
                    if len(step["input"]) != len(child["input_schema"]):
                        continue
                steps.append(step)
            else:
                previous = steps[-1] if steps else None
                steps.append(function_step(previous is None or "function" in previous))
        if not any(s.get("type") != "sleep" for s in steps):
            steps.append(function_step_described(rng, namer, functions, inputs, step_name))
        if steps[0].get("type") == "sleep":
            steps.pop(0)
        wf = {"name": wname, "description": f"Random workflow {wname}", "input_schema": inputs, "steps": steps}
        if rng.random() < 0.5:
            wf["retry_policy"] = {"initial_interval": "1s", "maximum_interval": "1m", "maximum_attempts": 3, "backoff_coefficient": 2}
        if rng.random() < 0.3 and all(isinstance(v, dict) and "default" in v for v in inputs.values()):
            wf["schedule"] = rng.choice([{"cron": "*/15 * * * *"}, {"every": "10m"}])
        if rng.random() < 0.3:
            wf["task_queue"] = "main"
        # All child inputs here are literals from defaults, so only children whose inputs all have defaults qualify.
        if all(isinstance(v, dict) and "default" in v for v in inputs.values()):
            pass
        workflows.append(wf)
    return {"version": 1, "project": f"random-{seed}", "description": f"Random project {seed}", "functions": functions, "workflows": workflows}


def function_step_described(rng, namer, functions, inputs, step_name):
    fname = namer.snake("fn")
    fin = dict(list(inputs.items())[:1])
    functions[fname] = {"description": f"Does {fname}"}
    if fin:
        functions[fname]["input_schema"] = fin
    functions[fname]["output_schema"] = {"done": "bool"}
    return {"name": step_name(), "function": fname}


def main(argv):
    seed, count, out = int(argv[0]), int(argv[1]), argv[2]
    os.makedirs(out, exist_ok=True)
    for i in range(count):
        spec = make_project(seed * 1000 + i)
        with open(os.path.join(out, f"random_{i:03d}.yaml"), "w", encoding="utf-8") as f:
            yaml.safe_dump(spec, f, sort_keys=False)


if __name__ == "__main__":
    main(sys.argv[1:])
