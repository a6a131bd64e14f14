// The renderer's shortcuts give what Jinja2 gives (expected strings from Python Jinja2 3.1):
// dictsort of ASCII keys sorted in place, text returned unchanged by truncate/lower/upper,
// values borrowed from the data for printing and filtering, the loop frame kept per iteration.
#include <gtest/gtest.h>

#include "template/render_helpers.h"

namespace restack::tmpl {
namespace {

using testing::render;

TEST(FastPaths, DictsortOfAsciiKeysMatchesTheGeneralSort) {
  // (nlohmann::json keeps keys sorted: the dict's order is A, B, a, b; equal keys keep it.)
  nlohmann::json d = nlohmann::json::parse(R"({"b": 1, "A": 2, "a": 3, "B": 0})");
  EXPECT_EQ(render("{{ d|dictsort }}", {{"d", d}}), "[('A', 2), ('a', 3), ('B', 0), ('b', 1)]");
  EXPECT_EQ(render("{{ d|dictsort(true) }}", {{"d", d}}), "[('A', 2), ('B', 0), ('a', 3), ('b', 1)]");
  EXPECT_EQ(render("{{ d|dictsort(false, 'value', true) }}", {{"d", nlohmann::json::parse(R"({"x": "b", "y": "A", "z": "a"})")}}),
            "[('x', 'b'), ('y', 'A'), ('z', 'a')]");
  EXPECT_EQ(render("{{ d|dictsort }}", {{"d", nlohmann::json::parse(R"({"b": 1, "a": 2, "ab": 3, "": 4})")}}),
            "[('', 4), ('a', 2), ('ab', 3), ('b', 1)]");
  // A non-ASCII key takes the general path.
  EXPECT_EQ(render("{{ d|dictsort }}", {{"d", nlohmann::json::parse(R"({"é": 1, "e": 2, "Z": 3})")}}), "[('e', 2), ('Z', 3), ('é', 1)]");
}

TEST(FastPaths, TextThatNeedsNoChangeComesBackAsItIs) {
  EXPECT_EQ(render("{{ 'Hello World'|truncate(11) }}|{{ 'Hello big World'|truncate(11, leeway=0) }}|"
                   "{{ 'Hello big World'|truncate(11, true, leeway=0) }}|{{ 'abc def'|truncate(3, end='') }}"),
            "Hello World|Hello...|Hello bi...|abc def");
  EXPECT_EQ(render("{{ 'hello'|lower }}{{ 'HeLLo'|lower }}{{ 'HELLO'|upper }}{{ 'héllo'|upper }}{{ 'x1_'|upper }}"),
            "hellohelloHELLOHÉLLOX1_");
}

TEST(FastPaths, BorrowedDataLooksUpLikeJinja2) {
  nlohmann::json d = nlohmann::json::parse(R"({"items": 1, "x": {"y": "Y"}})");
  // A method wins over a key for attribute access; a missing key is undefined.
  EXPECT_EQ(render("{{ d['items'] }}|{{ d.items()|list|length }}|{{ d.x.y }}|{{ d.x.y|default('n') }}|"
                   "{{ d.x is defined }}|{{ d.q is defined }}|{{ d.x.q|default('n') }}",
                   {{"d", d}}),
            "1|2|Y|Y|True|False|n");
}

TEST(FastPaths, LoopFrameStartsOverEachIteration) {
  EXPECT_EQ(render("{% for x in [1, 2] %}{{ y is defined }}{% set y = x %}{{ y }}{{ loop.index }}{% endfor %}"),
            "False11False22");
}

}  // namespace
}  // namespace restack::tmpl
