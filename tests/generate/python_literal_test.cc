// Python source text written the way black 23 leaves it: quotes, floats, layout of long calls.
#include <gtest/gtest.h>

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
