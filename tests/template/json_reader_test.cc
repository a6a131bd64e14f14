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
