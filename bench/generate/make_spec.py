#!/usr/bin/python3
"""Writes the generate benchmark's spec: one project of WORKFLOWS workflows and FUNCTIONS
described functions (each workflow calls FUNCTIONS / WORKFLOWS of them in sequence with
explicit input mappings, a retry policy and a timeout).

    make_spec.py OUT.yaml [WORKFLOWS=1000] [FUNCTIONS=5000]
"""
import sys


def main(argv):
    out = argv[0]
    workflows = int(argv[1]) if len(argv) > 1 else 1000
    functions = int(argv[2]) if len(argv) > 2 else 5000
    per = functions // workflows
    lines = ["version: 1", "project: bench-project", 'description: "Generated benchmark project"', "functions:"]
    for f in range(functions):
        lines += [
            f"  fn_{f}:",
            f'    description: "Function number {f}"',
            "    input_schema:",
            "      record_id: str",
            "      amount:",
            "        type: float",
            "        default: 1.5",
            "    output_schema:",
            "      record_id: str",
            "      tags: List[str]",
            "      score: Optional[int]",
            "    timeout: 30s",
        ]
    lines.append("workflows:")
    for w in range(workflows):
        lines += [
            f"  - name: Flow{w}",
            f'    description: "Workflow number {w}"',
            "    input_schema:",
            "      record_id: str",
            "      amount: float",
            "    output_schema:",
            "      record_id: str",
            "      tags: List[str]",
            "    retry_policy:",
            "      maximum_attempts: 3",
            "      initial_interval: 1s",
            "    steps:",
        ]
        for i in range(per):
            f = w * per + i
            src = "input.record_id" if i == 0 else f"steps.s{i - 1}.record_id"
            lines += [f"      - name: s{i}", f"        function: fn_{f}", "        input:", f"          record_id: {src}", "          amount: input.amount"]
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
