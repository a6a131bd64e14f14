// The context builder's shortcuts give what the long way gives: case styles from one pass, one
// value per repeated text (StringPool, names, descriptions), step call arguments written one by
// one, annotations with typing names remembered, keywords found by binary search.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "generate/context.h"
#include "generate/context_internal.h"
#include "generate/imports.h"
#include "generate/python_literal.h"
#include "generate/python_names.h"
#include "generate/python_types.h"

namespace restack::generate {
namespace {

const std::vector<std::string> kNames = {"DataProcessor", "fetch_HTTPPage2", "a", "", "__x__", "My-kebab name",
                                         "ABC", "x1Y", "fn_7", "Flow12", "already_snake", "HTTPServer"};

TEST(CaseStyles, EqualEachStyleComputedOnItsOwn) {
  for (const auto& name : kNames) {
    CaseStyles styles = case_styles(name);
    EXPECT_EQ(styles.snake, snake_case(name)) << name;
    EXPECT_EQ(styles.pascal, pascal_case(name)) << name;
    EXPECT_EQ(styles.camel, camel_case(name)) << name;
    EXPECT_EQ(styles.kebab, kebab_case(name)) << name;
    EXPECT_EQ(styles.title, title_case(name)) << name;
  }
}

TEST(NameValues, ShareTheValueOfEqualTexts) {
  for (const auto& name : kNames) {
    NameValues values = name_values(name);
    const auto& styles = values.styles.as_dict();
    EXPECT_EQ(context_string(values.styles, "raw"), name);
    EXPECT_EQ(context_string(values.styles, "snake"), snake_case(name));
    EXPECT_EQ(context_string(values.styles, "pascal"), pascal_case(name));
    EXPECT_EQ(context_string(values.styles, "camel"), camel_case(name));
    EXPECT_EQ(context_string(values.styles, "kebab"), kebab_case(name));
    EXPECT_EQ(context_string(values.styles, "title"), title_case(name));
    EXPECT_EQ(values.raw.as_string(), name);
    EXPECT_EQ(values.snake.as_string(), snake_case(name));
    EXPECT_EQ(styles.find(std::string_view("raw"))->identity(), values.raw.identity());
    EXPECT_EQ(styles.find(std::string_view("snake"))->identity(), values.snake.identity());
    // Keys in sorted order, as make_dict inserts them.
    std::vector<std::string> keys;
    for (const auto& [k, v] : styles.entries) keys.push_back(k.as_string());
    EXPECT_EQ(keys, (std::vector<std::string>{"camel", "kebab", "pascal", "raw", "snake", "title"}));
  }
  // A snake_case name is its own snake case and module name: one value.
  NameValues fn = name_values("fn_7");
  EXPECT_EQ(fn.raw.identity(), fn.snake.identity());
  NameValues flow = name_values("Flow12");
  EXPECT_NE(flow.raw.identity(), flow.snake.identity());
  EXPECT_EQ(flow.snake.as_string(), "flow12");
}

TEST(DescriptionValues, OneValueWhenTheSpellingsAgree) {
  DescriptionValues plain = description_values("Function number 7");
  EXPECT_EQ(plain.one_line.as_string(), "Function number 7");
  EXPECT_EQ(plain.markdown.identity(), plain.one_line.identity());
  EXPECT_EQ(plain.doc.identity(), plain.one_line.identity());

  const std::string tricky = "Reads  a | b\nand says \"hi\" \\ twice ";
  DescriptionValues d = description_values(tricky);
  EXPECT_EQ(d.one_line.as_string(), one_line(tricky));
  EXPECT_EQ(d.markdown.as_string(), markdown_cell(tricky));
  EXPECT_EQ(d.doc.as_string(), docstring_text(tricky));
  EXPECT_NE(d.markdown.identity(), d.one_line.identity());
  EXPECT_NE(d.doc.identity(), d.one_line.identity());

  DescriptionValues empty = description_values("");
  EXPECT_EQ(empty.one_line.as_string(), "");
  EXPECT_EQ(empty.markdown.as_string(), "");
  EXPECT_EQ(empty.doc.as_string(), "");
}

TEST(StringPool, OneValuePerText) {
  StringPool pool;
  tmpl::Value a = pool.get(std::string_view("record_id: str"));
  tmpl::Value b = pool.get(std::string("record_id: str"));
  tmpl::Value c = pool.get(std::string_view("amount: float = 1.5"));
  EXPECT_EQ(a.as_string(), "record_id: str");
  EXPECT_EQ(a.identity(), b.identity());
  EXPECT_NE(a.identity(), c.identity());
  EXPECT_EQ(c.as_string(), "amount: float = 1.5");
  // The empty text is the context's one shared "".
  EXPECT_EQ(pool.get(std::string_view()).identity(), ContextField::empty_string().identity());
  EXPECT_EQ(pool.get(std::string()).identity(), ContextField::empty_string().identity());
  // Values outlive the pool.
  tmpl::Value kept;
  {
    StringPool scoped;
    kept = scoped.get(std::string(100, 'x'));
  }
  EXPECT_EQ(kept.as_string(), std::string(100, 'x'));
}

TEST(PooledStringList, KeepsOrderAndSharesRepeats) {
  StringPool pool;
  tmpl::Value list = pooled_string_list(pool, {"from a import b", "", "from a import b", "x"});
  const auto& items = list.as_list().items;
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0].as_string(), "from a import b");
  EXPECT_EQ(items[1].as_string(), "");
  EXPECT_EQ(items[3].as_string(), "x");
  EXPECT_EQ(items[0].identity(), items[2].identity());
}

TEST(AppendCallArg, WritesWhatAnExplodedCallExprWrites) {
  const std::vector<std::vector<Arg>> cases = {
      {{"function", "fn_25"},
       {"function_input", "Fn25Input(record_id=workflow_input.record_id, amount=workflow_input.amount)"},
       {"start_to_close_timeout", "timedelta(seconds=30)"},
       {"retry_policy", "RetryPolicy(initial_interval=timedelta(seconds=1), maximum_attempts=3)"},
       {"task_queue", "\"queue\""}},
      {{"", "positional"}, {"k", "[" + std::string(120, 'a') + "]"}, {"m", "f(\n    x,\n)"}},
  };
  for (size_t base : {0u, 8u, 12u}) {
    for (const auto& args : cases) {
      std::string written = "workflow.step(\n";
      for (const auto& a : args) append_call_arg(written, a.key, a.value, base);
      written += ')';
      EXPECT_EQ(written, call_expr("workflow.step", args, base, base, true)) << base;
    }
  }
}

TEST(FlatCall, LaidOutAsItsTextIs) {
  // The arguments' positions known while writing give what the scan of the text finds: short
  // and long values, nested brackets, strings holding commas and brackets, no arguments, many.
  const std::vector<std::string> values = {
      "workflow_input.record_id", "s0_result.amount", "3", "\"a, (b] {c\"", "'it\\'s, [x'",
      "[" + std::string(70, 'a') + ", b]", "Money(amount=Decimal(\"1.5\"), currency=\"EUR\")",
      "{\"k\": [1, 2, (3, 4)], \"v\": " + std::string(60, 'v') + "}", std::string(90, 'z'), "f(\n    x,\n)"};
  std::mt19937 rng(5);
  FlatCall call;
  for (int i = 0; i < 400; ++i) {
    call.start(i % 2 ? "Fn25Input" : "VeryLongGeneratedModelNameForTheInputOfAStep");
    const size_t n = i % 23;  // 0 .. 22 arguments: past the commas a scan keeps on its stack
    for (size_t k = 0; k < n; ++k) call.arg(k % 5 == 4 ? "" : "field_" + std::to_string(k)) += values[rng() % values.size()];
    call.finish();
    for (size_t base : {0u, 8u, 12u}) {
      for (size_t indent : {0u, 8u, 12u}) {
        std::string fast = "x", slow = "x";
        append_call_arg(fast, "function_input", call, base, indent);
        append_call_arg(slow, "function_input", call.text(), base, indent);
        ASSERT_EQ(fast, slow) << call.text() << " base " << base << " indent " << indent;
      }
      // INDENT is what `indent(N)` on the 4-argument form's text gives, after N spaces.
      std::string plain, indented;
      append_call_arg(plain, "function_input", call.text(), base);
      append_call_arg(indented, "function_input", call.text(), base, 8);
      EXPECT_EQ(indented, "        " + indent_rest(plain, 8));
    }
  }
}

spec::TypeExpr type(spec::TypeExpr::Kind kind, std::vector<spec::TypeExpr> args = {}, std::string name = "") {
  spec::TypeExpr t;
  t.kind = kind;
  t.args = std::move(args);
  t.name = std::move(name);
  return t;
}

TEST(Annotation, TypingNamesImportedOnceAndAliasedOnAClash) {
  using K = spec::TypeExpr::Kind;
  const spec::TypeExpr str = type(K::kBuiltin, {}, "str");
  const spec::TypeExpr when = type(K::kBuiltin, {}, "datetime");
  const spec::TypeExpr nested =
      type(K::kDict, {str, type(K::kList, {type(K::kOptional, {type(K::kBuiltin, {}, "int")})})});
  ModelCatalog models;
  NameScope scope;
  scope.claim("List");  // a user's model named List: our import is aliased
  ImportSet imports(&scope);
  PythonTypes types(models, imports, [](const std::string& n) { return n; });
  EXPECT_EQ(types.annotation(str), "str");
  EXPECT_EQ(types.annotation(nested), "Dict[str, List_[Optional[int]]]");
  EXPECT_EQ(types.annotation(nested), "Dict[str, List_[Optional[int]]]");  // remembered aliases
  EXPECT_EQ(types.annotation(type(K::kTuple, {str}, "")), "Tuple[str]");
  spec::TypeExpr variadic = type(K::kTuple, {when});
  variadic.variadic = true;
  EXPECT_EQ(types.annotation(variadic), "Tuple[datetime, ...]");
  EXPECT_EQ(types.annotation(type(K::kUnion, {str, type(K::kNone)})), "Optional[str]");
  EXPECT_EQ(types.annotation(type(K::kUnion, {str, when})), "Union[str, datetime]");
  EXPECT_EQ(types.annotation(type(K::kAny)), "Any");
  EXPECT_EQ(imports.lines(), (std::vector<std::string>{
                                 "from datetime import datetime",
                                 "from typing import Any, Dict, List as List_, Optional, Tuple, Union"}));
}

TEST(PythonKeyword, EveryKeywordAndNothingElse) {
  for (const char* k : {"False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
                        "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
                        "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
                        "return", "try", "while", "with", "yield"})
    EXPECT_TRUE(is_python_keyword(k)) << k;
  for (const char* w : {"", "a", "log", "false", "none", "function", "workflow", "printing", "continues", "As"})
    EXPECT_FALSE(is_python_keyword(w)) << w;
}

TEST(NameScope, FreshSkipsKeywordsClaimsAndHiddenParentNames) {
  NameScope parent;
  parent.claim("log");
  parent.claim("import_functions");
  NameScope child(&parent);
  child.unclaim_inherited("import_functions");
  EXPECT_EQ(child.fresh("log"), "log_");
  EXPECT_EQ(child.fresh("import_functions"), "import_functions");
  EXPECT_EQ(child.fresh("class"), "class_");
  EXPECT_EQ(child.peek_fresh("log"), "log__");
  NameScope plain(&parent);  // nothing hidden
  EXPECT_TRUE(plain.taken("import_functions"));
  EXPECT_FALSE(plain.taken("other"));
}

}  // namespace
}  // namespace restack::generate
