#!/usr/bin/python3
"""Checks generated projects the way a careful user would: every .py file must compile
(CPython's parser), be unchanged by `black --check`, be clean under pyflakes, and pass mypy
(strict) against the restack_ai type stubs in stubs/. Each tool runs once over all projects
(mypy once per project, all in this one process, sharing its cache).

    check_projects.py [--skip-missing] [--user-code FILE]... PROJECT_DIR...

--user-code names a generated module holding a spec's `code:` body, written verbatim: black
findings there are reported as notes, not problems (the body is as black-clean as the spec).

Prints every problem, one per line, and exits 1 if there was any. A missing tool is an error,
or with --skip-missing a line `skipped: TOOL not installed` (the C++ test turns it into a skip).
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
STUBS = os.path.join(HERE, "stubs")
BLACK = "/usr/bin/black"
PYFLAKES = "/usr/bin/pyflakes3"
MYPY_FLAGS = [
    "--strict",
    "--python-version",
    "3.10",
    "--no-error-summary",
    "--show-error-codes",
    "--no-color-output",
    "--allow-untyped-decorators",
]


def python_files(root):
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "__pycache__")
        for name in sorted(filenames):
            if name.endswith(".py"):
                out.append(os.path.join(dirpath, name))
    return out


def main(argv):
    skip_missing = False
    user_code = set()
    while argv and argv[0].startswith("--"):
        if argv[0] == "--skip-missing":
            skip_missing, argv = True, argv[1:]
        elif argv[0] == "--user-code":
            user_code.add(os.path.abspath(argv[1]))
            argv = argv[2:]
        else:
            raise SystemExit(f"unknown option {argv[0]}")
    projects = [os.path.abspath(p) for p in argv]
    files = [f for p in projects for f in python_files(p)]
    problems = []
    skipped = []

    for f in files:
        with open(f, encoding="utf-8") as fh:
            source = fh.read()
        try:
            compile(source, f, "exec", dont_inherit=True)
        except SyntaxError as e:
            problems.append(f"{f}:{e.lineno}: py_compile: {e.msg}")

    def missing(tool):
        (skipped if skip_missing else problems).append(f"{tool} not installed")

    if os.path.exists(BLACK):
        strict = [f for f in files if f not in user_code]
        r = subprocess.run([BLACK, "--check", "--diff", "--quiet", *strict], capture_output=True, text=True)
        if r.returncode != 0:
            problems.append("black --check would reformat:\n" + r.stdout + r.stderr)
        lenient = [f for f in files if f in user_code]
        if lenient:
            r = subprocess.run([BLACK, "--check", *lenient], capture_output=True, text=True)
            if r.returncode != 0:
                print("note: black would reformat a spec's verbatim `code:` body:\n" + r.stderr.strip())
    else:
        missing("black")

    if os.path.exists(PYFLAKES):
        r = subprocess.run([PYFLAKES, *files], capture_output=True, text=True)
        if r.stdout.strip() or r.stderr.strip():
            problems.append("pyflakes:\n" + r.stdout + r.stderr)
    else:
        missing("pyflakes3")

    try:
        from mypy import api as mypy_api
    except ImportError:
        mypy_api = None
        missing("mypy")
    if mypy_api:
        os.environ["MYPYPATH"] = STUBS
        cache = os.environ.get("RESTACK_MYPY_CACHE", os.path.join("/tmp", f"restack-gen-mypy-cache-{os.getuid()}"))
        cwd = os.getcwd()
        for p in projects:
            os.chdir(p)
            try:
                rel = [os.path.relpath(f, p) for f in python_files(p)]
                out, err, status = mypy_api.run([*MYPY_FLAGS, "--cache-dir", cache, *rel])
            finally:
                os.chdir(cwd)
            if status != 0:
                problems.append(f"mypy in {p}:\n{out}{err}")

    for s in skipped:
        print(f"skipped: {s}")
    for p in problems:
        print(p)
    print(f"checked {len(files)} files in {len(projects)} projects: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
