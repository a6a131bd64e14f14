// Scalar values of the YAML tree: written as is, they view the source text (no copy); escapes,
// doubled quotes, folded lines and block scalars give decoded text of the document's own.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

#include "spec/byte_scan.h"
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

// as_number reads floats with std::from_chars (no copy), strtod only past double's range: the
// two must agree bit for bit on every core-schema float, whatever its digits, sign and exponent.
TEST(YamlScalars, FloatsReadAsStrtodReadsThem) {
  auto plain = [](const std::string& text) {
    Node n;
    n.kind = Node::Kind::kScalar;
    n.plain = true;
    n.value = text;
    return as_number(n);
  };
  std::vector<std::string> texts = {"1.5", "+1.5", "-1.5", ".5", "+.5", "-.5", "5.", "0.1", "1e3", "1E-3", "+2.5e+10",
                                    "1e308", "1e309", "-1e309", "1e-320", "1e-400", "2.2250738585072011e-308",
                                    "0.30000000000000004", "123456789012345678901234567890.5", "00.25", "9007199254740993.0"};
  std::mt19937 rng(8);
  const char* digits = "0123456789";
  for (int i = 0; i < 3000; ++i) {
    std::string t;
    if (rng() % 3 == 0) t += "+-"[rng() % 2];
    for (unsigned k = rng() % 20; k > 0; --k) t += digits[rng() % 10];
    if (rng() % 4 != 0) t += '.';
    for (unsigned k = rng() % 20; k > 0; --k) t += digits[rng() % 10];
    if (rng() % 3 == 0) t += "e" + std::string(rng() % 2 ? "-" : "") + std::to_string(rng() % 400);
    texts.push_back(t);
  }
  int floats = 0;
  for (const std::string& t : texts) {
    std::optional<double> got = plain(t);
    bool is_float = t.find_first_of(".eE") != std::string::npos && t.find_first_of(digits) < t.find_first_of("eE");
    if (!is_float) continue;  // integers and texts that are no number take other paths
    ASSERT_TRUE(got) << t;
    double want = std::strtod(t.c_str(), nullptr);
    EXPECT_EQ(std::memcmp(&*got, &want, sizeof want), 0) << t << ": " << *got << " vs " << want;
    ++floats;
  }
  EXPECT_GT(floats, 2000);
  EXPECT_EQ(plain("1e309"), INFINITY);
  EXPECT_FALSE(plain("1.5x"));
  EXPECT_FALSE(plain("+"));
}

// A collection's children are copied into the document's ChildArena when it closes: nested
// collections, aliases, mappings past the linear key search (duplicates still found there) and
// children arrays larger than an arena chunk come out as written.
TEST(YamlScalars, CollectionsKeepTheirChildrenInOrder) {
  std::string text = "big:\n";
  for (int i = 0; i < 3000; ++i) text += "  k" + std::to_string(i) + ": [" + std::to_string(i) + ", {x: " + std::to_string(i) + "}]\n";
  text += "list:\n  - &a {p: 1, q: [x, y]}\n  - *a\n  - []\n  - {}\n  - - nested\n    - - deeper\n";
  DiagnosticSink sink;
  auto doc = parse_document_view(text, "t.yaml", sink);
  ASSERT_TRUE(doc) << sink.all().size();
  const Node* big = doc->root()->get("big");
  ASSERT_EQ(big->entries().size(), 3000u);
  EXPECT_TRUE(big->items().empty());
  for (int i = 0; i < 3000; i += 997) {
    const auto& [k, v] = big->entries()[static_cast<size_t>(i)];
    EXPECT_EQ(k->value, "k" + std::to_string(i));
    ASSERT_EQ(v->items().size(), 2u);
    EXPECT_TRUE(v->entries().empty());
    EXPECT_EQ(v->items()[0]->value, std::to_string(i));
    EXPECT_EQ(v->items()[1]->get("x")->value, std::to_string(i));
  }
  const Node* list = doc->root()->get("list");
  ASSERT_EQ(list->items().size(), 5u);
  EXPECT_EQ(list->items()[0], list->items()[1]);  // the alias is the anchored node
  EXPECT_EQ(list->items()[0]->to_json(), nlohmann::json::parse(R"({"p": 1, "q": ["x", "y"]})"));
  EXPECT_EQ(list->items()[0]->get("q")->items()[1]->value, "y");
  EXPECT_TRUE(list->items()[2]->items().empty() && list->items()[2]->is_sequence());
  EXPECT_TRUE(list->items()[3]->entries().empty() && list->items()[3]->is_mapping());
  EXPECT_EQ(list->items()[4]->items()[1]->items()[0]->value, "deeper");
  EXPECT_EQ(doc->root()->height, 5);

  std::string dup = "m:\n";
  for (int i = 0; i < 40; ++i) dup += "  k" + std::to_string(i) + ": 1\n";
  dup += "  k3: 2\n  k39: 3\n";
  DiagnosticSink dup_sink;
  auto dup_doc = parse_document_view(dup, "d.yaml", dup_sink);
  ASSERT_TRUE(dup_doc);
  ASSERT_EQ(dup_sink.all().size(), 2u);
  EXPECT_EQ(dup_sink.all()[0].location.line, 42);
  EXPECT_EQ(dup_sink.all()[1].location.line, 43);
  EXPECT_EQ(dup_doc->root()->get("m")->entries().size(), 40u);
}

// The scanner's 16-byte loops (byte_scan.h) against their byte-by-byte definitions, from every
// offset of random texts made of the bytes they tell apart (and others), runs of every length.
TEST(YamlScalars, ByteScansMatchTheirLoops) {
  const std::string alphabet = std::string("  \t\t\n\r:,[]{}#ab_.") + '\0' + "\x80\xff";
  std::mt19937 rng(16);
  for (int round = 0; round < 300; ++round) {
    std::string text;
    size_t length = rng() % 80;
    for (size_t i = 0; i < length; ++i) {
      // Long runs of one kind, so that a 16-byte step has runs to skip whole.
      char c = alphabet[rng() % alphabet.size()];
      for (unsigned k = rng() % 20 == 0 ? 1 + rng() % 40 : 1; k > 0 && text.size() < length; --k) text += c;
    }
    const char* data = text.data();
    size_t n = text.size();
    for (size_t from = 0; from <= n; ++from) {
      size_t blank = from, space = from, plain = from, flow = from;
      while (blank < n && (data[blank] == ' ' || data[blank] == '\t')) ++blank;
      while (space < n && data[space] == ' ') ++space;
      while (plain < n && !is_plain_stop(data[plain], false)) ++plain;
      while (flow < n && !is_plain_stop(data[flow], true)) ++flow;
      ASSERT_EQ(skip_blank_bytes(data, from, n), blank) << round << " at " << from;
      ASSERT_EQ(skip_space_bytes(data, from, n), space) << round << " at " << from;
      ASSERT_EQ(find_plain_stop(data, from, n, false), plain) << round << " at " << from;
      ASSERT_EQ(find_plain_stop(data, from, n, true), flow) << round << " at " << from;
    }
  }
  for (char c = 1; c != 0; ++c) {
    bool block = c == '\n' || c == '\r' || c == ':' || c == ' ' || c == '\t';
    EXPECT_EQ(is_plain_stop(c, false), block) << int(c);
    EXPECT_EQ(is_plain_stop(c, true), block || c == ',' || c == '[' || c == ']' || c == '{' || c == '}') << int(c);
  }
}

}  // namespace
}  // namespace restack::spec::yaml
