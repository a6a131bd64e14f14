#!/usr/bin/python3
"""Writes the benchmark's data: MODELS workflow models with fields, descriptions and steps."""
import json
import random
import sys

WORDS = ("process validate transform customer order invoice payment shipment record batch stream "
         "event schedule retry timeout window aggregate enrich normalize export import report").split()


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    rng = random.Random(42)
    models = []
    for i in range(count):
        fields = {}
        for j in range(rng.randint(4, 10)):
            name = "%s_%s_%d" % (rng.choice(WORDS), rng.choice(WORDS), j)
            info = {"type": rng.choice(["str", "int", "float", "bool", "list[str]", "dict[str, int]"]),
                    "doc": sentence(rng, rng.randint(3, 12))}
            if rng.random() < 0.4:
                info["default"] = rng.choice([0, 1.5, "x", True, None, [1, 2]])
            fields[name] = info
        models.append({
            "name": "%s %s %d" % (rng.choice(WORDS), rng.choice(WORDS), i),
            "description": " ".join(sentence(rng, rng.randint(5, 15)) for _ in range(rng.randint(1, 4))),
            "fields": fields,
            "steps": [{"name": rng.choice(WORDS), "timeout": rng.choice([None, 30, 60, 120])} for _ in range(rng.randint(1, 5))],
        })
    json.dump({"project": "bench", "models": models}, sys.stdout, separators=(",", ":"))


if __name__ == "__main__":
    main()
