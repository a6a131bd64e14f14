// The YAML pre-scan (tabs in indentation, unterminated quotes and flow collections) skips
// lines that hold none of the bytes it looks at without visiting them one by one: whatever
// follows such lines must be judged exactly as it is on its own, at positions shifted by them.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/diagnostic.h"
#include "spec/source_text.h"
#include "spec/yaml_prescan.h"

namespace restack::spec::test {
namespace {

struct Scan {
  bool ok = false;
  std::vector<Diagnostic> diagnostics;
};

Scan prescan(const std::string& text) {
  LineIndex lines(text);
  DiagnosticSink sink;
  Scan s;
  s.ok = prescan_yaml(text, lines, "spec.yaml", sink);
  s.diagnostics = sink.all();
  return s;
}

// Plain lines of assorted lengths (some past 16 bytes, the scan's stride), with a comment
// holding a quote, brackets and quotes inside plain scalars, and an empty line.
std::string plain_lines(int count) {
  std::string s;
  for (int i = 0; i < count; ++i) {
    switch (i % 6) {
      case 0: s += "key_" + std::to_string(i) + ": value\n"; break;
      case 1: s += "  a_rather_longer_key_" + std::to_string(i) + ": a plain value with words in it\n"; break;
      case 2: s += "x: y  # it's a comment, \"quoted\" [not] {a flow}\n"; break;
      case 3: s += "      tags: Dict[str, List[int]]\n"; break;
      case 4: s += "  - it's a_b|c>d x{y} z9\"q\n"; break;
      default: s += "\n"; break;
    }
  }
  return s;
}

// Texts after which the pre-scan reports (or does not), each also placed after plain lines.
const char* const kTails[] = {
    "\tbad: 1\n",                        // a tab in the indentation
    "  \tbad: 1\n",                      // after spaces
    "x: a\tb\n",                         // a tab inside a value: fine
    "x: \"open\n",                       // unterminated double quote
    "x: 'open",                          // unterminated single quote at the end, no break
    "x: 'spans\n  two lines'\ny: \"c\n",  // a string across lines, then an unterminated one
    "x: [1, 2\n",                        // unterminated flow sequence
    "x: {a: [1, 2]\n",                   // unterminated flow mapping around a closed sequence
    "x: [1,\n  \"two\n  three\", 3]\n",  // flow and a string across lines: fine
    "x: |\n  \"not a quote\n  [ nor a flow\ny: 'after'\n",  // a block scalar's content is not read
    "x: >\n  text\ny: \"open\n",         // after a folded scalar ends
    "x: it's plain\n",                   // a quote that does not start a token
    "- [a, b]\n- 'c'\n- \"d\n",          // sequence items
    "key: value",                        // plain to the end, no break
    "t: List[str]\n\tbad: 1\n",          // a bracket inside a scalar, then a tab
    "t: List[str] 'x\n",                 // and a quote that starts a token after it
    "t: Optional[int]\nu: [a, b\n",      // a flow after such a line
    "a: b[\"c\n",                        // a quote after a bracket inside a scalar: plain
    "a: -[x\n",                          // a bracket after a non-word byte: a plain `-[x`
    "a: &x[ 'y\n",                       // an anchor's name, then a quoted string
    "é[x: 'y\n",                         // non-ASCII before a bracket
};

TEST(YamlPrescan, PlainLinesBeforeChangeNothingButTheLine) {
  for (const char* tail : kTails) {
    Scan alone = prescan(tail);
    for (int count : {1, 2, 3, 4, 5, 17, 64, 201}) {
      std::string prefix = plain_lines(count);
      Scan after = prescan(prefix + tail);
      SCOPED_TRACE(testing::Message() << "tail " << testing::PrintToString(std::string(tail)) << " after " << count
                                      << " plain lines");
      EXPECT_EQ(after.ok, alone.ok);
      ASSERT_EQ(after.diagnostics.size(), alone.diagnostics.size());
      for (size_t i = 0; i < alone.diagnostics.size(); ++i) {
        const Diagnostic& a = alone.diagnostics[i];
        const Diagnostic& b = after.diagnostics[i];
        EXPECT_EQ(b.code, a.code);
        EXPECT_EQ(b.message, a.message);
        EXPECT_EQ(b.location.line, a.location.line + count);
        EXPECT_EQ(b.location.column, a.location.column);
      }
    }
  }
}

TEST(YamlPrescan, ReportsWhatItLooksFor) {
  // The tails above do report (a test of the test): each problem once, at its place.
  Scan tab = prescan(plain_lines(33) + "\tbad: 1\n");
  ASSERT_EQ(tab.diagnostics.size(), 1u);
  EXPECT_FALSE(tab.ok);
  EXPECT_EQ(tab.diagnostics[0].location.line, 34);
  EXPECT_EQ(tab.diagnostics[0].location.column, 1);
  Scan quote = prescan(plain_lines(40) + "x: 'spans\n  two lines'\ny: \"c\n");
  ASSERT_EQ(quote.diagnostics.size(), 1u);
  EXPECT_EQ(quote.diagnostics[0].location.line, 43);
  EXPECT_EQ(quote.diagnostics[0].location.column, 4);
  EXPECT_TRUE(prescan(plain_lines(40) + "x: |\n  \"not a quote\n  [ nor a flow\ny: 'after'\n").ok);
  EXPECT_TRUE(prescan(plain_lines(300)).ok);
  // Quotes, brackets and indicators right after a letter, digit or `_` are plain text...
  EXPECT_TRUE(prescan("t: List[str]\n  - it's a_b|c>d x{y} z9\"q\n").ok);
  // ...but not after a blank or an indicator.
  EXPECT_FALSE(prescan("t: List[str]\nu: \"q\n").ok);
  EXPECT_FALSE(prescan("t: List[str]\nu: [q\n").ok);
}

// LineIndex::position_with's inline path (an ASCII text, the cursor's line or the next)
// against the general search, from every cursor, at every offset (ASCII and not, a text with
// and without a last line break, offsets past the end).
TEST(LineIndexPositions, InlinePathMatchesTheSearch) {
  for (std::string text : {std::string("a\nbb\n\nccc\n  dddd: e\nf"), std::string("a\nbb\n\nccc\n  dddd: e\nf\n"),
                           std::string("\n\n\n"), std::string("x"), std::string("\xC3\xA9t\xC3\xA9\nb\n\nc: \xE2\x82\xAC\n")}) {
    LineIndex lines(text);
    size_t line_count = lines.line_starts().size();
    for (size_t offset = 0; offset <= text.size() + 2; ++offset) {
      for (size_t start = 0; start <= line_count + 1; ++start) {
        size_t fast_cursor = start, searched_cursor = start;
        LineIndex::Position fast = lines.position_with(offset, fast_cursor);
        LineIndex::Position searched = lines.position_searched(offset, searched_cursor);
        ASSERT_EQ(fast.line, searched.line) << offset << " from line " << start;
        ASSERT_EQ(fast.column, searched.column) << offset << " from line " << start;
        ASSERT_EQ(fast_cursor, searched_cursor) << offset << " from line " << start;
      }
    }
  }
}

}  // namespace
}  // namespace restack::spec::test
