#!/usr/bin/python3
"""Writes generated.cases: combinations of values with operators, filters, tests and methods,
so that the differential test covers far more than the hand-written cases. Deterministic;
rerun after editing and commit the output."""
import json
import os

VALUES = ["0", "1", "-7", "2.5", "-0.5", "1e300", "'abc'", "''", "'Hé'", "[1, 2]", "[]", "(3,)", "{'k': 1}",
          "none", "true", "false", "missing"]
BINOPS = ["+", "-", "*", "/", "//", "%", "**", "~", "==", "<", ">=", "in", "and", "or"]
FILTERS = ["abs", "capitalize", "first", "last", "length", "list", "lower", "upper", "string", "title", "trim",
           "int", "float", "round", "reverse", "sort", "sum", "unique", "min", "max", "tojson", "pprint",
           "wordcount", "escape", "default('d')", "join(',')", "center(9)", "indent(2, true)", "truncate(5, true, '', 0)",
           "batch(2)|list", "slice(2)|list", "dictsort", "items|list", "snake_case", "camel_case", "pascal_case",
           "kebab_case", "python_repr", "urlencode", "striptags", "filesizeformat", "float|round(1)",
           "replace('a', 'X')", "wordwrap(3)", "format", "map('string')|list", "select|list", "reject|list"]
TESTS = ["defined", "undefined", "none", "number", "string", "mapping", "sequence", "iterable", "callable",
         "boolean", "integer", "float", "even", "odd", "divisibleby(2)", "eq(1)", "lt(2)", "in([1, 'abc'])",
         "lower", "upper", "sameas(none)", "true", "false"]
STRINGS = ["'Hello World'", "'  padded\\ttext  '", "'snake_case_name'", "'HTTPServerError'", "'a,b,,c'",
           "'line1\\nline2'", "'ÉCOLE émoji 😀'"]
METHODS = ["upper()", "lower()", "title()", "capitalize()", "strip()", "split()", "split(',')", "split(',', 1)",
           "startswith('H')", "endswith('r')", "replace('l', 'L')", "find('o')", "count('l')", "isdigit()",
           "isalpha()", "swapcase()", "center(20, '*')", "ljust(15) ~ '|'", "rjust(15)", "zfill(20)",
           "splitlines()", "partition(' ')", "rsplit(' ', 1)", "lstrip('H')", "islower()", "isupper()"]

# Our own code-generation filters are not in Jinja2: the generated cases define them for Python
# too (see render_jinja.py), so the filter list above also checks those against a Python model.


def main():
    out = []
    n = 0

    def case(template, options="", data=None):
        nonlocal n
        n += 1
        out.append("=== gen%04d %s" % (n, options))
        if data is not None:
            out.append("--- data")
            out.append(json.dumps(data))
        out.append("--- template")
        out.append(template)

    for a in VALUES[:13]:
        for op in BINOPS:
            for b in ["2", "'x'", "[0]", "0.5"]:
                case("{{ %s %s %s }}" % (a, op, b))
    for v in VALUES:
        case(" ".join("[{{ %s|%s }}]" % (v, f) for f in FILTERS[:24]))
        case(" ".join("[{{ %s|%s }}]" % (v, f) for f in FILTERS[24:]))
    for v in VALUES:
        case(" ".join("{{ %s is %s }}" % (v, t) for t in TESTS))
    for s in STRINGS:
        for m in METHODS:
            case("{{ %s.%s }}" % (s, m))
        case(" ".join("{{ %s|%s }}" % (s, f) for f in FILTERS))
    for width in [1, 5, 12, 30]:
        for text in ["The quick brown fox-jumps over the lazy dog", "word " * 12, "a-b-c-d-e-f-g-h long-hyphenated-word",
                     "x" * 40, "  leading and trailing  "]:
            case("{{ %r|wordwrap(%d) }}|{{ %r|wordwrap(%d, false, '/') }}" % (text, width, text, width))
    for fmt, args in [("'%5s|%-5s|'", "('a', 'b')"), ("'%.3e'", "1234.5"), ("'%i%%'", "50"), ("'%c'", "65"),
                      ("'%r'", "'x'"), ("'%#x %#o'", "(255, 8)"), ("'% d'", "5"), ("'%s'", "none"), ("'%.2s'", "'abc'")]:
        case("{{ %s %% %s }}" % (fmt, args))
    for spec in ["{:>8}", "{:<8}|", "{:^9}", "{:*^9}", "{:+d}", "{:08.3f}", "{:.0f}", "{:e}", "{:g}", "{:,.2f}", "{:b}",
                 "{:o}", "{:#x}", "{:5}|", "{!r:>6}", "{0}{0}", "{:.1%}", "{:_}"]:
        case("{{ %r.format(12345.678) }} {{ %r.format(42) }} {{ %r.format('s') }}" % (spec, spec, spec))
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "generated.cases"), "w") as f:
        f.write("\n".join(out) + "\n")
    print("%d cases" % n)


if __name__ == "__main__":
    main()
