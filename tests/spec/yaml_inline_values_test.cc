// The parser's quick path for `key: value` lines (Parser::inline_scalar_value) must build the
// very tree, and report the very errors, that the general block path does: these cases sit on
// its edges (comments, continuation lines, `: ` after a value, text after a quoted value).
// The expected messages are those of the parser before the quick path existed.
#include <gtest/gtest.h>

#include <string>

#include "spec/yaml_tree.h"

namespace restack::spec::yaml {
namespace {

std::string first_error(const std::string& text) {
  DiagnosticSink sink;
  auto doc = parse_document_view(text, "t.yaml", sink);
  for (const auto& d : sink.all())
    if (d.severity == Severity::kError)
      return std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + " " + d.message;
  return doc ? "" : "no document and no error";
}

TEST(YamlInlineValues, ScalarsOnTheKeyLine) {
  const std::string text =
      "a: plain words  # a comment\n"
      "b: \"quoted\"   \n"
      "c:\tafter a tab\n"
      "d: more\n"
      "   indented\n"
      "\n"
      "   lines\n"
      "e: ~\n"
      "f: Null\n"
      "g: nULL\n"
      "h: name\n"
      "i: x#y\n";
  DiagnosticSink sink;
  auto doc = parse_document_view(text, "t.yaml", sink);
  ASSERT_TRUE(doc) << sink.all().size();
  const Node* root = doc->root();
  EXPECT_EQ(root->get("a")->value, "plain words");
  EXPECT_EQ(root->get("b")->value, "quoted");
  EXPECT_FALSE(root->get("b")->plain);
  EXPECT_EQ(root->get("c")->value, "after a tab");
  EXPECT_EQ(root->get("d")->value, "more indented\nlines");
  EXPECT_TRUE(root->get("e")->is_null());
  EXPECT_TRUE(root->get("f")->is_null());
  EXPECT_FALSE(root->get("g")->is_null());  // not a core-schema spelling of null
  EXPECT_FALSE(root->get("h")->is_null());
  EXPECT_EQ(root->get("i")->value, "x#y");
  // Positions: a value node starts at its first byte.
  Loc b = doc->loc(root->get("b"));
  EXPECT_EQ(b.line, 2);
  EXPECT_EQ(b.column, 4);
  Loc d = doc->loc(root->get("d"));
  EXPECT_EQ(d.line, 4);
  EXPECT_EQ(d.column, 4);
}

TEST(YamlInlineValues, NestedMappingsEndTheirValuesAtLessIndentedKeys) {
  const std::string text =
      "steps:\n"
      "  - name: one\n"
      "    function: f\n"
      "  - name: two\n"
      "    input:\n"
      "      value: steps.one.value\n"
      "top: end\n";
  DiagnosticSink sink;
  auto doc = parse_document_view(text, "t.yaml", sink);
  ASSERT_TRUE(doc) << sink.all().size();
  const Node* steps = doc->root()->get("steps");
  ASSERT_TRUE(steps && steps->is_sequence());
  ASSERT_EQ(steps->items().size(), 2u);
  EXPECT_EQ(steps->items()[0]->get("name")->value, "one");
  EXPECT_EQ(steps->items()[0]->get("function")->value, "f");
  EXPECT_EQ(steps->items()[1]->get("input")->get("value")->value, "steps.one.value");
  EXPECT_EQ(doc->root()->get("top")->value, "end");
  Loc f = doc->loc(steps->items()[0]->get("function"));
  EXPECT_EQ(f.line, 3);
  EXPECT_EQ(f.column, 15);
}

TEST(YamlInlineValues, ErrorsAfterAValueAreTheGeneralPathsErrors) {
  const std::string misplaced =
      "YAML syntax error: a `:` where no mapping value may start (quote a value that contains `: `, or fix the "
      "indentation)";
  EXPECT_EQ(first_error("a: b: c\n"), "1:5 " + misplaced);
  EXPECT_EQ(first_error("a: \"b\": c\n"), "1:7 " + misplaced);
  EXPECT_EQ(first_error("a: b\n  c: d\n"), "2:4 " + misplaced);
  EXPECT_EQ(first_error("a: \"b\" c\n"),
            "1:8 YAML syntax error: unexpected text after the value (quote a value that contains special characters)");
  EXPECT_EQ(first_error("a: \"x\"#c\n"),
            "1:7 YAML syntax error: unexpected text after the value (quote a value that contains special characters)");
  EXPECT_EQ(first_error("a: \"open\n"), "1:4 unterminated double-quoted string: the closing `\"` is missing");
  EXPECT_EQ(first_error("a: b #c\n  d: e\n"),
            "2:3 YAML syntax error: this line's indentation does not fit the mapping above it");
  EXPECT_EQ(first_error("a: 1\nkey without colon\n"),
            "2:1 YAML syntax error: expected `key: value` here: a key without its `:`, or a value indented like a key");
}

}  // namespace
}  // namespace restack::spec::yaml
