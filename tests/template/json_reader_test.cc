// The fast JSON reader must read exactly what nlohmann reads (values, types, key order,
// duplicate keys), and leave everything else (errors, out-of-range numbers) to nlohmann.
#include "template/json_reader.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "template/data.h"

namespace restack::tmpl {
namespace {

/// What nlohmann's tree gives, printed with Python's repr (shows int vs float, key order).
std::string via_nlohmann(const std::string& text) { return repr(from_json(nlohmann::ordered_json::parse(text))); }

TEST(JsonReader, ReadsLikeNlohmann) {
  const char* cases[] = {
      R"({"b": 1, "a": 1.0, "c": [true, false, null], "d": {}, "e": []})",
      R"( [ 0, -0, -1, 9223372036854775807, -9223372036854775808, 9223372036854775808, 18446744073709551616 ] )",
      R"([1.5, -2.25e3, 1E2, 1e-2, 0.1, 123456789012345678901234567890, 5e-324, 1.7976931348623157e308])",
      R"(["", "plain", "tab\there", "q\"b\\s\/", "\b\f\n\r\t", "\u00e9\u4e2d\ud83d\ude00", "\u0000x", "héllo 中文 😀"])",
      R"({"k": 1, "k": 2, "j": 3})",
      R"({"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,"a":11,"k":{"x":[{"y":null}]}})",
      R"("top-level string")",
      R"(42)",
      R"(null)",
      "\n\t\r [[[[]]], {\"x\": [[], {}]}] \n",
  };
  for (const char* text : cases) {
    Value fast;
    ASSERT_TRUE(read_json_fast(text, fast)) << text;
    EXPECT_EQ(repr(fast), via_nlohmann(text)) << text;
    EXPECT_EQ(repr(parse_json(text)), via_nlohmann(text)) << text;
  }
}

TEST(JsonReader, LeavesErrorsAndEdgeCasesToNlohmann) {
  const char* cases[] = {
      "", "   ", "{", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{1: 2}", "[01]", "[1.]", "[.5]", "[1e]", "[+1]", "[-]",
      "tru", "nul", "[true false]", "\"unterminated", "\"bad \\x escape\"", "\"ctrl \x01 char\"",
      "\"lone \\udc00\"", "\"high \\ud800 alone\"", "\"\\u12g4\"", "\"\xff\"", "\"\xc0\xaf\"", "\"\xed\xa0\x80\"",
      "[1e400]", "[-1e400]", "[1e-400]", "{} extra", "[1] [2]",
  };
  for (const char* text : cases) {
    Value fast;
    EXPECT_FALSE(read_json_fast(text, fast)) << text;
  }
  // Errors keep nlohmann's messages; what nlohmann accepts is still read.
  EXPECT_THROW(parse_json("[1,]"), nlohmann::json::exception);
  EXPECT_EQ(repr(parse_json("[1e-400]")), via_nlohmann("[1e-400]"));
}

TEST(JsonReader, DeepNestingIsRefusedWithoutRecursion) {
  std::string deep(20000, '[');
  deep += std::string(20000, ']');
  Value fast;
  EXPECT_FALSE(read_json_fast(deep, fast));
  std::string ok(5000, '[');
  ok += std::string(5000, ']');
  EXPECT_TRUE(read_json_fast(ok, fast));
}

TEST(JsonReader, KeysAreSharedAcrossObjects) {
  Value v;
  ASSERT_TRUE(read_json_fast(R"([{"name": 1}, {"name": 2}])", v));
  const auto& items = v.as_list().items;
  EXPECT_EQ(items[0].as_dict().entries[0].first.identity(), items[1].as_dict().entries[0].first.identity());
}

TEST(JsonReader, EscapedKeysAndManyDistinctKeysReadLikeNlohmann) {
  // Keys with escapes take the slow path; past the shared-key table's capacity keys are made
  // one by one. Both must still give the same dicts, duplicates and all.
  std::string text = R"([{"a\"b": 1, "\u00e9": 2, "a\"b": 3}, {)";
  for (int i = 0; i < 600; ++i) text += (i ? "," : "") + std::string("\"k") + std::to_string(i % 550) + "\": " + std::to_string(i);
  text += "}, {\"k3\": true, \"k599\": false}]";
  Value fast;
  ASSERT_TRUE(read_json_fast(text, fast));
  EXPECT_EQ(repr(fast), via_nlohmann(text));
  EXPECT_EQ(fast.as_list().items[1].as_dict().size(), 550u);
}

}  // namespace
}  // namespace restack::tmpl

namespace restack::tmpl {
namespace {

/// Strings whose special byte (quote, escape, control, non-ASCII, DEL) sits at every offset of
/// the reader's 8-byte scanning words, as keys and as values: the word scan must stop exactly
/// at the first special byte.
TEST(JsonReader, SpecialBytesAtEveryOffsetOfTheWordScan) {
  const std::string specials[] = {"\\\"", "\\\\", "\\n", "\\u0001", "\xc3\xa9", "\x7f", "\xe4\xb8\xad", "\\/"};
  for (size_t len = 0; len < 40; ++len) {
    for (size_t at = 0; at <= len; ++at) {
      for (const auto& sp : specials) {
        std::string s(len, 'a');
        for (size_t i = 0; i < len; ++i) s[i] = char('a' + i % 26);
        s.insert(at, sp);
        std::string text = "{\"" + s + "\": \"" + s + "\", \"k" + s + "\": [\"" + s + "\", 1]}";
        Value fast;
        ASSERT_TRUE(read_json_fast(text, fast)) << text;
        ASSERT_EQ(repr(fast), via_nlohmann(text)) << text;
      }
    }
  }
}

/// Random byte changes to a valid document: whatever the fast reader accepts, it reads as
/// nlohmann does, and it accepts nothing nlohmann refuses.
TEST(JsonReader, MutatedDocumentsReadLikeNlohmannOrAreLeftToIt) {
  const std::string base =
      R"({"name": "model one", "fields": {"a_b_0": {"type": "str", "doc": "Some words here."}, "x": [1, 2.5, -3e2, true, null]},)"
      R"( "steps": [{"name": "retry", "timeout": 30}, {"name": "tab\tq\"uote\\", "timeout": null}], "u": "\u00e9\ud83d\ude00"})";
  const char alphabet[] = "\"\\{}[]:,0123456789.eE+-tfnul \t\n\x01\x7f\xc3\xa9\xff";
  uint64_t state = 12345;
  auto next = [&] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  size_t accepted = 0;
  for (int round = 0; round < 8000; ++round) {
    std::string text = base;
    int changes = 1 + int(next() % 3);
    for (int c = 0; c < changes; ++c) {
      size_t at = next() % text.size();
      char ch = alphabet[next() % (sizeof(alphabet) - 1)];
      switch (next() % 3) {
        case 0: text[at] = ch; break;
        case 1: text.insert(at, 1, ch); break;
        default: text.erase(at, 1);
      }
    }
    Value fast, split;
    bool ok = read_json_fast(text, fast, {.split_min_bytes = 0, .threads = 1});
    // The same on two threads, the document's largest array cut in the middle.
    bool split_ok = read_json_fast(text, split, {.split_min_bytes = 64, .threads = 2});
    ASSERT_EQ(ok, split_ok) << text;
    if (ok) {
      ASSERT_EQ(repr(fast), repr(split)) << text;
    }
    std::string expected;
    bool nlohmann_ok = true;
    try {
      expected = via_nlohmann(text);
    } catch (const nlohmann::json::exception&) {
      nlohmann_ok = false;
    }
    if (ok) {
      ++accepted;
      ASSERT_TRUE(nlohmann_ok) << text;
      ASSERT_EQ(repr(fast), expected) << text;
    }
  }
  EXPECT_GT(accepted, 40u);
}

}  // namespace
}  // namespace restack::tmpl

namespace restack::tmpl {
namespace {

/// Documents whose largest array is read half on another thread give the values one thread
/// gives, and fail where one thread fails.
TEST(JsonReader, SplitReadsEqualOneThreadsRead) {
  std::vector<std::string> docs;
  std::string records = "[";
  for (int i = 0; i < 300; ++i) {
    if (i) records += i % 7 ? "," : " ,\n ";
    records += "{\"name\": \"m" + std::to_string(i) + "\", \"n\": " + std::to_string(i) + ", \"n\": " +
               std::to_string(i * 2) + ", \"tags\": [\"a\", \"b\\\"]\", 1.5], \"sub\": {\"k\": [[]]}}";
  }
  records += "]";
  docs.push_back(records);                                              // the top level
  docs.push_back("{\"project\": \"x\", \"models\": " + records + ", \"after\": [1, 2]}");  // a key's value
  docs.push_back("[[0], {\"deep\": {\"er\": " + records + "}}]");    // three containers down
  docs.push_back("{\"a\": " + records.substr(0, records.size() - 1) + "}");  // unbalanced
  docs.push_back("{\"a\": " + records.substr(0, records.size() - 1) + ",]}");  // trailing comma
  std::string bad_tail = records;
  bad_tail.insert(bad_tail.size() - 20, "x");  // an error in the second half only
  docs.push_back(bad_tail);
  std::string bad_head = records;
  bad_head.insert(30, "x");  // an error in the first half only
  docs.push_back(bad_head);
  std::string deep = "[" + std::string(9990, '[') + std::string(9990, ']');  // depth limit inside the split half
  for (int i = 0; i < 40; ++i) deep += ", [" + std::string(i * 3, '[') + std::string(i * 3, ']') + "]";
  docs.push_back(deep + "]");
  std::string too_deep = "[0";
  for (int i = 0; i < 40; ++i) too_deep += ", 1";
  too_deep += ", " + std::string(10000, '[') + std::string(10000, ']') + "]";
  docs.push_back(too_deep);
  const size_t shallow_docs = 7;  // the others are printed by a recursive repr: compared by outcome only
  for (size_t d = 0; d < docs.size(); ++d) {
    const std::string& text = docs[d];
    for (size_t min_bytes : {16u, 64u, 4096u}) {
      Value one, two;
      bool ok_one = read_json_fast(text, one, {.split_min_bytes = 0, .threads = 1});
      bool ok_two = read_json_fast(text, two, {.split_min_bytes = min_bytes, .threads = 2});
      ASSERT_EQ(ok_one, ok_two) << text.substr(0, 200);
      if (ok_one && d < shallow_docs) {
        EXPECT_EQ(repr(one), repr(two));
        EXPECT_EQ(repr(two), via_nlohmann(text));
      }
    }
  }
  Value v;
  EXPECT_TRUE(read_json_fast(docs[0], v, {.split_min_bytes = 64, .threads = 2}));
  EXPECT_FALSE(read_json_fast(docs[3], v, {.split_min_bytes = 64, .threads = 2}));
  EXPECT_FALSE(read_json_fast(docs[5], v, {.split_min_bytes = 64, .threads = 2}));
  EXPECT_FALSE(read_json_fast(docs[6], v, {.split_min_bytes = 64, .threads = 2}));
  EXPECT_FALSE(read_json_fast(docs[8], v, {.split_min_bytes = 64, .threads = 2}));
}

}  // namespace
}  // namespace restack::tmpl
