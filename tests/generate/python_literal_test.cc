// Python source text written the way black 23 leaves it: quotes, floats, layout of long calls.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "generate/python_literal.h"
#include "generate/python_names.h"

using namespace restack::generate;

TEST(PythonString, PrefersDoubleQuotesLikeBlack) {
  EXPECT_EQ(python_string("plain"), "\"plain\"");
  EXPECT_EQ(python_string("it's"), "\"it's\"");
  EXPECT_EQ(python_string("say \"hi\""), "'say \"hi\"'");
  EXPECT_EQ(python_string("both ' and \"\""), "'both \\' and \"\"'");
  EXPECT_EQ(python_string("a\\b\nc\td\x01"), "\"a\\\\b\\nc\\td\\x01\"");
  EXPECT_EQ(python_string("h\xc3\xa9"), "\"h\xc3\xa9\"");  // UTF-8 kept as is
}

TEST(PythonFloat, MatchesPythonRepr) {
  EXPECT_EQ(python_float(2), "2.0");
  EXPECT_EQ(python_float(1.5), "1.5");
  EXPECT_EQ(python_float(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(python_float(1e-5), "1e-05");
  EXPECT_EQ(python_float(1e16), "1e+16");
  EXPECT_EQ(python_float(123456.0), "123456.0");
  EXPECT_EQ(python_float(-0.5), "-0.5");
}

TEST(PythonLiteral, JsonValues) {
  nlohmann::json v = {{"insured", true}, {"n", nullptr}, {"xs", {1, 2.5, "a"}}};
  EXPECT_EQ(python_literal(v), "{\"insured\": True, \"n\": None, \"xs\": [1, 2.5, \"a\"]}");
}

TEST(Docstring, OneLineEscaped) {
  EXPECT_EQ(docstring_text("  Multi\n  line \"quoted\" \\ text  "), "Multi line \\\"quoted\\\" \\\\ text");
}

TEST(Fit, KeepsShortExpressions) {
  EXPECT_EQ(fit("Model(a=1, b=2)", 8, 20), "Model(a=1, b=2)");
  EXPECT_EQ(call_expr("f", {}, 0, 0), "f()");
}

TEST(Fit, ExplodesTheLastBracketWithMagicTrailingComma) {
  std::string longish = "Invoice(items=[LineItem(sku=\"example\", unit_price=Money(amount=Decimal(\"1.5\")))], total=1)";
  std::string out = fit(longish, 8, 8 + 7);
  EXPECT_EQ(out,
            "Invoice(\n"
            "    items=[LineItem(sku=\"example\", unit_price=Money(amount=Decimal(\"1.5\")))],\n"
            "    total=1,\n"
            ")");
  // Deeper: the inner list no longer fits at column 20 either.
  std::string deeper = fit(longish, 20, 20 + 7);
  EXPECT_NE(deeper.find("    items=[\n        LineItem("), std::string::npos) << deeper;
}

TEST(Fit, IgnoresBracketsInsideStrings) {
  std::string s = "log.info(\"a ( b [ c\", x=1, y=\"" + std::string(80, 'z') + "\")";
  std::string out = fit(s, 8, 8);
  EXPECT_EQ(out.substr(0, 10), "log.info(\n");
  EXPECT_NE(out.find("    \"a ( b [ c\",\n"), std::string::npos) << out;
}

TEST(CallExpr, ForcedExplosionIndentsNestedValues) {
  std::string out = call_expr("workflow.step", {{"function", "f"}, {"retry_policy", "RetryPolicy(maximum_attempts=3)"}}, 8, 8, true);
  EXPECT_EQ(out, "workflow.step(\n    function=f,\n    retry_policy=RetryPolicy(maximum_attempts=3),\n)");
}

TEST(Names, CaseStyles) {
  EXPECT_EQ(snake_case("DataProcessor"), "data_processor");
  EXPECT_EQ(snake_case("HTTPFetcher2"), "http_fetcher2");
  EXPECT_EQ(pascal_case("data_validation"), "DataValidation");
  EXPECT_EQ(camel_case("data_validation"), "dataValidation");
  EXPECT_EQ(kebab_case("BillingAgents"), "billing-agents");
  EXPECT_EQ(title_case("fetch_news"), "Fetch News");
}

TEST(NameScope, OurNamesYieldToUserNames) {
  NameScope scope;
  scope.claim("log");
  EXPECT_EQ(scope.fresh("log"), "log_");
  EXPECT_EQ(scope.fresh("log"), "log__");
  EXPECT_EQ(scope.fresh("workflow"), "workflow");
  EXPECT_EQ(scope.fresh("class"), "class_");  // keywords are never names
  NameScope child(&scope);
  EXPECT_TRUE(child.taken("workflow"));
}

// ---- Shortcuts against the long way -------------------------------------------------------

namespace {

/// one_line / docstring_text without the fast check: always collapse, byte by byte.
std::string collapse_slowly(std::string_view text, bool docstring) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    // one_line drops a control character before it writes a pending space, docstring_text after.
    if (!docstring && static_cast<unsigned char>(c) < 0x20) continue;
    if (space) out += ' ';
    space = false;
    if (docstring && c == '\\') out += "\\\\";
    else if (docstring && c == '"') out += "\\\"";
    else if (static_cast<unsigned char>(c) < 0x20) continue;
    else out += c;
  }
  return out;
}

/// The first version of fit(): two scans for the last bracket pair and its commas, copies.
struct SlowSplit {
  size_t open = 0, close = 0;
  std::vector<size_t> commas;
};
template <typename F>
void slow_scan(std::string_view e, size_t from, size_t to, F&& f) {
  for (size_t i = from; i < to; ++i) {
    char c = e[i];
    if (c == '"' || c == '\'') {
      for (++i; i < to && e[i] != c; ++i)
        if (e[i] == '\\') ++i;
      continue;
    }
    f(i, c);
  }
}
bool slow_last_bracket(std::string_view e, SlowSplit& out) {
  int depth = 0;
  bool found = false, balanced = true;
  slow_scan(e, 0, e.size(), [&](size_t i, char c) {
    if (c == '(' || c == '[' || c == '{') {
      if (depth++ == 0) out.open = i;
    } else if (c == ')' || c == ']' || c == '}') {
      if (--depth == 0) {
        out.close = i;
        found = true;
      }
      if (depth < 0) balanced = false;
    }
  });
  if (!found || !balanced || depth != 0) return false;
  depth = 0;
  slow_scan(e, out.open + 1, out.close, [&](size_t i, char c) {
    if (c == '(' || c == '[' || c == '{') ++depth;
    else if (c == ')' || c == ']' || c == '}') --depth;
    else if (c == ',' && depth == 0) out.commas.push_back(i);
  });
  return true;
}
std::string_view slow_trim(std::string_view s) {
  size_t b = s.find_first_not_of(' '), e = s.find_last_not_of(' ');
  if (b == std::string_view::npos) return {};
  return s.substr(b, e - b + 1);
}
std::string slow_fit(std::string_view expr, size_t base, size_t used) {
  SlowSplit split;
  if (used + expr.size() <= kLineLength || expr.find('\n') != std::string_view::npos || !slow_last_bracket(expr, split) ||
      split.close == split.open + 1)
    return std::string(expr);
  std::string out(expr.substr(0, split.open + 1));
  out += '\n';
  auto item = [&](std::string_view text) { out += "    " + indent_rest(slow_fit(text, base + 4, base + 5), 4) + ",\n"; };
  size_t start = split.open + 1;
  for (size_t c : split.commas) {
    item(slow_trim(expr.substr(start, c - start)));
    start = c + 1;
  }
  if (std::string_view last = slow_trim(expr.substr(start, split.close - start)); !last.empty()) item(last);
  return out + std::string(expr.substr(split.close));
}

/// Random Python-like expressions: names, strings holding brackets, commas and escapes, calls,
/// lists and dicts nested a few levels, some long.
std::string random_expr(std::mt19937& rng, int depth) {
  auto pick = [&](int n) { return static_cast<int>(rng() % n); };
  switch (depth <= 0 ? pick(3) : pick(7)) {
    case 0: return std::string(1 + pick(30), "abcdefgh_"[pick(9)]);
    case 1: return python_string(std::string("a, (b] {c\\ 'd\" ").substr(pick(8)) + std::string(pick(40), 'x'));
    case 2: return std::to_string(rng());
    default: {
      static const char* kOpen[] = {"Model(", "[", "{", "f.g("};
      static const char* kClose[] = {")", "]", "}", ")"};
      const int kind = pick(4);
      std::string out = kOpen[kind];
      const int n = pick(depth >= 3 ? 20 : 4);  // at the top some past the 16 commas kept on the stack
      for (int i = 0; i < n; ++i) {
        if (i) out += ", ";
        if (kind == 0 || kind == 3) out += std::string(1 + pick(6), 'k') + "=";
        if (kind == 2) out += python_string("key") + ": ";
        out += random_expr(rng, depth - 1);
      }
      return out + kClose[kind];
    }
  }
}

}  // namespace

TEST(OneLine, FastCheckAgreesWithCollapsing) {
  // Eight bytes at a time: double spaces, control characters, quotes and backslashes at every
  // position of a word and across words, UTF-8 bytes.
  const char kAlphabet[] = {'a', 'b', ' ', ' ', ' ', '\n', '\t', '"', '\\', '\x01', '\x1f', '\xc3', '\xa9', '\x7f', 'Z'};
  std::mt19937 rng(7);
  for (int i = 0; i < 5000; ++i) {
    std::string text(rng() % 40, 'x');
    for (char& c : text) c = kAlphabet[rng() % sizeof(kAlphabet)];
    EXPECT_EQ(one_line(text), collapse_slowly(text, false)) << testing::PrintToString(text);
    EXPECT_EQ(docstring_text(text), collapse_slowly(text, true)) << testing::PrintToString(text);
  }
  for (const std::string& text : {std::string("exactly8"), std::string("1234567 89"), std::string("1234567  9"),
                                  std::string("12345678 9abcdef 0"), std::string("123456789abcdef  x"),
                                  std::string("Workflow number 0"), std::string("a\"b"), std::string(64, 'w')}) {
    EXPECT_EQ(one_line(text), collapse_slowly(text, false)) << text;
    EXPECT_EQ(docstring_text(text), collapse_slowly(text, true)) << text;
  }
}

TEST(Fit, OnePassScanGivesWhatTwoScansGave) {
  std::mt19937 rng(11);
  for (int i = 0; i < 300; ++i) {
    const std::string expr = random_expr(rng, 3);
    for (size_t base : {0u, 8u, 12u, 40u}) {
      const std::string want = slow_fit(expr, base, base + 7);
      EXPECT_EQ(fit(expr, base, base + 7), want) << expr;
      EXPECT_EQ(fit(expr, base, base + 7, 8), indent_rest(want, 8)) << expr;
    }
  }
  // Unbalanced or bracket-less expressions are kept as they are.
  for (const std::string& odd : {std::string(100, 'a'), "f(" + std::string(100, 'a'), "f(a, b))" + std::string(90, 'c'),
                                 ")(" + std::string(100, 'x') + ")", "f(\"" + std::string(100, ')') + "\")"})
    EXPECT_EQ(fit(odd, 0, 0), slow_fit(odd, 0, 0)) << odd;
}

TEST(Fit, LongArgumentsWrapTheWayBlackWrapsThem) {
  // What black 23.1 writes for `        x = EXPR` and for EXPR as an argument of an exploded call
  // at column 8 (checked with black): the last bracket pair exploded, one item per line with a
  // trailing comma, an item still too long exploded in turn, brackets in strings ignored.
  const std::string expr =
      "ProcessInvoiceInput(invoice_id=workflow_input.invoice_id, lines=[LineItem(sku=\"widget-with-a-long-name\", "
      "quantity=12, unit_price=Money(amount=Decimal(\"19.99\"), currency=\"EUR\")), LineItem(sku=\"b\", quantity=1)], "
      "note=\"a, (b\")";
  EXPECT_EQ(fit(expr, 8, 8 + 4, 8),
            "ProcessInvoiceInput(\n"
            "            invoice_id=workflow_input.invoice_id,\n"
            "            lines=[\n"
            "                LineItem(\n"
            "                    sku=\"widget-with-a-long-name\",\n"
            "                    quantity=12,\n"
            "                    unit_price=Money(amount=Decimal(\"19.99\"), currency=\"EUR\"),\n"
            "                ),\n"
            "                LineItem(sku=\"b\", quantity=1),\n"
            "            ],\n"
            "            note=\"a, (b\",\n"
            "        )");
  const std::string black_arg =
      "            function_input=ProcessInvoiceInput(\n"
      "                invoice_id=workflow_input.invoice_id,\n"
      "                lines=[\n"
      "                    LineItem(\n"
      "                        sku=\"widget-with-a-long-name\",\n"
      "                        quantity=12,\n"
      "                        unit_price=Money(amount=Decimal(\"19.99\"), currency=\"EUR\"),\n"
      "                    ),\n"
      "                    LineItem(sku=\"b\", quantity=1),\n"
      "                ],\n"
      "                note=\"a, (b\",\n"
      "            ),\n";
  std::string arg;
  append_call_arg(arg, "function_input", expr, 8, 8);
  EXPECT_EQ(arg, black_arg);
  // The same call written through FlatCall (no scan) and through the 4-argument form re-indented.
  FlatCall call;
  call.start("ProcessInvoiceInput");
  call.arg("invoice_id") += "workflow_input.invoice_id";
  call.arg("lines") += "[LineItem(sku=\"widget-with-a-long-name\", quantity=12, unit_price=Money(amount=Decimal(\"19.99\"), "
                       "currency=\"EUR\")), LineItem(sku=\"b\", quantity=1)]";
  call.arg("note") += "\"a, (b\"";
  call.finish();
  ASSERT_EQ(call.text(), expr);
  std::string flat_arg;
  append_call_arg(flat_arg, "function_input", call, 8, 8);
  EXPECT_EQ(flat_arg, black_arg);
  std::string plain;
  append_call_arg(plain, "function_input", expr, 8);
  EXPECT_EQ("        " + indent_rest(plain, 8), black_arg);
}

TEST(PythonString, AppendedAsWritten) {
  for (const char* text : {"", "plain", "it's", "say \"hi\"", "both ' and \"\"", "a\\b\nc\td\x01"}) {
    std::string out = "x=";
    append_python_string(out, text);
    EXPECT_EQ(out, "x=" + python_string(text)) << text;
  }
}
