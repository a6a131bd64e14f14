#!/usr/bin/python3
"""Writes a spec with N steps (default 5,000) for bench/spec.sh: one workflow using 50 described
functions, explicit input mappings, default data flow, parallel groups and sleeps."""
import sys

steps = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
out = open(sys.argv[1], "w")
w = out.write
w("name: BigWorkflow\n")
w('description: "A generated workflow for benchmarks"\n')
w("input_schema:\n  value:\n    type: int\n    description: \"Seed\"\n")
w("output_schema:\n  value: int\n")
w("retry_policy:\n  initial_interval: 1s\n  maximum_interval: 1m\n  maximum_attempts: 5\n  backoff_coefficient: 2\n")
w("step_timeout: 30s\n")
w("functions:\n")
for f in range(50):
    w(f"  fn_{f}:\n    description: \"Function number {f}\"\n")
    w("    input_schema:\n      value: int\n      label:\n        type: Optional[str]\n        default: null\n")
    w("    output_schema:\n      value: int\n      note: Dict[str, List[int]]\n")
w("steps:\n")
n = 0
while n < steps:
    if n % 100 == 50 and n + 3 <= steps:
        w(f"  - name: group_{n}\n    type: parallel\n    steps:\n")
        for k in range(2):
            w(f"      - name: step_{n + 1 + k}\n        function: fn_{(n + k) % 50}\n")
        n += 3
        continue
    if n % 100 == 99:
        w(f"  - name: step_{n}\n    type: sleep\n    duration: 1m30s\n")
    elif n % 10 == 0 and n > 0:
        w(f"  - name: step_{n}\n    function: fn_{n % 50}\n    timeout: 45s\n    input:\n")
        prev = n - 2 if (n - 1) % 100 == 99 else n - 1  # a sleep has no output
        w(f"      value: steps.step_{prev}.value\n      label: \"step {n}\"\n")
    else:
        w(f"  - name: step_{n}\n    function: fn_{n % 50}\n")
    n += 1
out.close()
