// Scalar values of the YAML tree: written as is, they view the source text (no copy); escapes,
// doubled quotes, folded lines and block scalars give decoded text of the document's own.
#include <gtest/gtest.h>

#include <string>

#include "spec/yaml_tree.h"

namespace restack::spec::yaml {
namespace {

TEST(YamlScalars, ValuesWrittenAsIsViewTheText) {
  const std::string text = "a: plain\nb: \"double quoted\"\nc: 'single quoted'\n";
  DiagnosticSink sink;
  auto doc = parse_document_view(text, "t.yaml", sink);
  ASSERT_TRUE(doc) << sink.all().size();
  const Node* a = doc->root()->get("a");
  const Node* b = doc->root()->get("b");
  const Node* c = doc->root()->get("c");
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(a->value, "plain");
  EXPECT_EQ(b->value, "double quoted");
  EXPECT_EQ(c->value, "single quoted");
  // Views into TEXT itself: nothing was copied.
  EXPECT_EQ(a->value.data(), text.data() + text.find("plain"));
  EXPECT_EQ(b->value.data(), text.data() + text.find("double"));
  EXPECT_EQ(c->value.data(), text.data() + text.find("single"));
}

TEST(YamlScalars, ValuesThatDifferFromTheirBytesAreDecoded) {
  const std::string text =
      "a: \"tab\\tend\"\n"
      "b: 'it''s'\n"
      "c: \"two\n  lines\"\n"
      "d: plain\n  folded\n"
      "e: |\n  block\n"
      "f: 'blanks  inside '\n";
  DiagnosticSink sink;
  auto doc = parse_document_view(text, "t.yaml", sink);
  ASSERT_TRUE(doc) << sink.all().size();
  EXPECT_EQ(doc->root()->get("a")->value, "tab\tend");
  EXPECT_EQ(doc->root()->get("b")->value, "it's");
  EXPECT_EQ(doc->root()->get("c")->value, "two lines");
  EXPECT_EQ(doc->root()->get("d")->value, "plain folded");
  EXPECT_EQ(doc->root()->get("e")->value, "block\n");
  EXPECT_EQ(doc->root()->get("f")->value, "blanks  inside ");
}

TEST(YamlScalars, OwnedAndViewedTextGiveTheSameTree) {
  const std::string text = "k: v\nlist: [a, \"b\\u00e9\", 'c''d']\nmap: {x: 1, y: ~}\n";
  DiagnosticSink sink;
  auto viewed = parse_document_view(text, "t.yaml", sink);
  auto owned = parse_document(text, "t.yaml", sink);
  ASSERT_TRUE(viewed && owned);
  EXPECT_EQ(viewed->root()->to_json(), owned->root()->to_json());
  EXPECT_EQ(owned->root()->to_json()["list"][1], "b\xC3\xA9");
  EXPECT_TRUE(sink.all().empty());
}

}  // namespace
}  // namespace restack::spec::yaml
