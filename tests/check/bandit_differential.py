#!/usr/bin/python3
"""Differential test of `restack-gen check` against Debian's bandit on the overlapping security
rules: eval/exec, pickle, yaml.load, shell=True, os.system/os.popen.

Usage: tests/check/bandit_differential.py RESTACK_GEN [CORPUS=/usr/lib/python3.11]

Both tools check CORPUS; findings are matched on (file, line, rule). Every disagreement is
classified with a reason (known design differences are recognised from the source line) and a
few examples of each reason are printed. Exit 0 always: this is a report, not a gate.
"""
import collections
import json
import os
import re
import subprocess
import sys

# bandit test id -> our rule
BANDIT_TO_OURS = {
    "B307": "RSG403",  # eval
    "B102": "RSG403",  # exec
    "B301": "RSG404",  # pickle / dill / shelve loads
    "B506": "RSG405",  # yaml.load
    "B602": "RSG406",  # subprocess with shell=True
    "B605": "RSG407",  # os.system / os.popen / popen2 / commands
}
OURS = sorted(set(BANDIT_TO_OURS.values()))


def run_bandit(corpus):
    cmd = ["bandit", "-r", "-q", "-f", "json", "-t", ",".join(BANDIT_TO_OURS), corpus]
    out = subprocess.run(cmd, capture_output=True, text=True).stdout
    data = json.loads(out) if out.strip() else {"results": []}
    found = set()
    for r in data.get("results", []):
        found.add((os.path.normpath(r["filename"]), r["line_number"], BANDIT_TO_OURS[r["test_id"]]))
    skipped = [e["filename"] for e in data.get("errors", [])]
    return found, skipped


def run_ours(binary, corpus):
    cmd = [binary, "check", "--no-config", "--exit-zero", "--format", "json", "--select", ",".join(OURS), corpus]
    out = subprocess.run(cmd, capture_output=True, text=True).stdout
    return {(os.path.normpath(f["file"]), f["line"], f["code"]) for f in json.loads(out)}


def source_line(path, line):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for i, text in enumerate(f, 1):
                if i == line:
                    return text.strip()
    except OSError:
        pass
    return ""


def reason_only_bandit(key, text):
    path, line, code = key
    if code == "RSG403" and re.search(r"\.eval\(|\.exec\(", text) and not re.search(r"\beval\(|\bexec\(", text.replace(".eval(", "").replace(".exec(", "")):
        return "bandit matches any call named eval/exec (methods like obj.eval()); ours needs the builtin"
    if code == "RSG403":
        return "eval/exec name rebound or shadowed locally (ours resolves bindings), or a multi-line call"
    if code == "RSG404":
        return "bandit matches by name suffix (e.g. a local `loads`, marshal, other pickle-like modules); ours follows imports"
    if code == "RSG405":
        return "Loader given as a variable or a non-yaml `load`; bandit flags unless it sees SafeLoader"
    if code == "RSG406":
        return "shell= is a non-literal (variable) expression: bandit flags it, ours only literal truthy values"
    if code == "RSG407":
        return "bandit matches the name (os.popen via an alias chain ours does not resolve, or a wrapper)"
    return "other"


def reason_only_ours(key, text):
    path, line, code = key
    if code == "RSG406" and ("getoutput" in text or "getstatusoutput" in text or "create_subprocess_shell" in text):
        return "ours flags subprocess.getoutput/getstatusoutput/create_subprocess_shell (always a shell); bandit B602 does not"
    if code == "RSG404" and "shelve" in text:
        return "shelve.open unpickles on read"
    if code == "RSG405" and ("unsafe_load" in text or "load_all" in text):
        return "yaml.unsafe_load / load_all"
    if code == "RSG403":
        return "alias or import form bandit's name matching misses (e.g. builtins.eval via from-import)"
    return "import alias resolved by ours (`from os import system as run`), or a call spanning lines"


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    binary = sys.argv[1]
    corpus = os.path.normpath(sys.argv[2] if len(sys.argv) > 2 else "/usr/lib/python3.11")
    bandit, skipped = run_bandit(corpus)
    ours = run_ours(binary, corpus)
    both = bandit & ours
    only_b = bandit - ours
    only_o = ours - bandit
    print(f"corpus: {corpus}; bandit could not parse {len(skipped)} files")
    print(f"{'rule':8} {'both':>6} {'bandit only':>12} {'ours only':>10}")
    for code in OURS:
        n = lambda s: sum(1 for k in s if k[2] == code)
        print(f"{code:8} {n(both):6} {n(only_b):12} {n(only_o):10}")
    total = len(bandit | ours)
    print(f"agreement: {len(both)}/{total} = {100.0 * len(both) / max(total, 1):.1f}%")
    for title, keys, why in (("bandit only", only_b, reason_only_bandit), ("ours only", only_o, reason_only_ours)):
        groups = collections.defaultdict(list)
        for k in sorted(keys):
            text = source_line(k[0], k[1])
            if k[0] in skipped:
                groups["bandit could not parse the file (Python 3.11 syntax or intentional bad syntax)"].append((k, text))
            else:
                groups[why(k, text)].append((k, text))
        print(f"\n== {title}: {len(keys)}")
        for reason, items in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            print(f"  [{len(items)}] {reason}")
            for (path, line, code), text in items[:4]:
                print(f"      {code} {os.path.relpath(path, corpus)}:{line}: {text[:100]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
