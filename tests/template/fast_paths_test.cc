// The renderer's shortcuts give what Jinja2 gives (expected strings from Python Jinja2 3.1):
// dictsort of ASCII keys sorted in place, text returned unchanged by truncate/lower/upper,
// values borrowed from the data for printing and filtering, the loop frame kept per iteration.
#include <gtest/gtest.h>

#include "template/data.h"
#include "template/render_helpers.h"

namespace restack::tmpl {
namespace {

using testing::render;
using testing::render_error;

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

TEST(FastPaths, PlainFormatConversionsMatchPython) {
  // '%s' of a str and '%d' of an int are written directly; everything else takes the general path.
  EXPECT_EQ(render("{{ '%s_%d'|format('a', 3) }}|{{ '%s-%d'|format(true, true) }}|{{ '%s|%i|%u'|format(1.5, -7, 2) }}|"
                   "{{ '%5s|%-3d|%.2s'|format('ab', 4, 'xyz') }}|{{ 'x%%y%s'|format(none) }}"),
            "a_3|True-1|1.5|-7|2|   ab|4  |xy|x%yNone");
}

TEST(FastPaths, AsciiTitleAndTojsonMatchPython) {
  EXPECT_EQ(render("{{ 'hello wORLD-foo(bar) [x]y<z'|title }}|{{ 'éa bé'|title }}|{{ 12|title }}"),
            "Hello World-Foo(Bar) [X]y<Z|Éa Bé|12");
  EXPECT_EQ(render("{{ 'a\"b\\\\c<d>&e\\'f\\n\\t\\x01\\x7f'|tojson }}|{{ 'héllo'|tojson }}"),
            "\"a\\\"b\\\\c\\u003cd\\u003e\\u0026e\\u0027f\\n\\t\\u0001\\u007f\"|\"h\\u00e9llo\"");
}

TEST(FastPaths, WordwrapOfWordsWithAndWithoutHyphens) {
  EXPECT_EQ(render("{{ 'well-known self-evident words and more-hyphenated-ones here'|wordwrap(12) }}"),
            "well-known\nself-evident\nwords and\nmore-\nhyphenated-\nones here");
  EXPECT_EQ(render("{{ 'aaaa bbbb cccc-dddd eeee'|wordwrap(9, break_on_hyphens=false) }}"), "aaaa bbbb\ncccc-dddd\neeee");
}

TEST(FastPaths, WordwrapOfSimpleParagraphsKeepsTextwrapsSpaceRules) {
  // Printable words and spaces, no word longer than the width: wrapped by positions. A first
  // line of spaces only is dropped, later lines lose their leading spaces, every line its
  // trailing ones.
  EXPECT_EQ(render("{{ '  lead and  two  sp   '|wordwrap(5) }}"), "lead\nand\ntwo\nsp");
  EXPECT_EQ(render("{{ 'abcde fghij  k'|wordwrap(5) }}|{{ 'a     b'|wordwrap(5) }}|{{ '     '|wordwrap(5) }}|{{ ' x'|wordwrap(1) }}"),
            "abcde\nfghij\nk|a\nb||x");
  // A word longer than the width, a tab or a line break takes textwrap's general path (here
  // the long word leaves the spaces before it, as Python does).
  EXPECT_EQ(render("{{ '  lead and  two  spaces   '|wordwrap(5) }}"), "lead\nand\ntwo  \nspace\ns");
  EXPECT_EQ(render("{{ 'tab\there x'|wordwrap(4) }}|{{ 'one two\nthree four'|wordwrap(7) }}"), "tab\nhere\nx|one two\nthree\nfour");
}

TEST(FastPaths, IndentOfOneLineOrOfAsciiLinesMatchesJinja2) {
  // One line comes back as it is (or after the indention with first=true); ASCII lines are cut
  // in place with Jinja2's added "\n" (a last "\r" and that "\n" are one break). Expected
  // strings from Python Jinja2 3.1.
  auto indent = [](const std::string& args, const std::string& s) {
    return render("{{ s|indent(" + args + ") }}", {{"s", s}});
  };
  EXPECT_EQ(indent("", "one line only here"), "one line only here");
  EXPECT_EQ(indent("2, true", "one line"), "  one line");
  EXPECT_EQ(indent("2, true", ""), "  ");
  EXPECT_EQ(indent("2", "a\r"), "a");
  EXPECT_EQ(indent("2", "a\rb\r\nc\n\nd\x0b" "e\x0c" "f\x1cg\x1dh\x1ei\n"), "a\n  b\n  c\n\n  d\n  e\n  f\n  g\n  h\n  i\n");
  EXPECT_EQ(indent("2, blank=true", "a\n\nb\n"), "a\n  \n  b\n  ");
  EXPECT_EQ(indent("'> '", "tab\there\x01" "ctl and more text\nline two is longer than eight"),
            "tab\there\x01" "ctl and more text\n> line two is longer than eight");
  // Non-ASCII: U+2028, U+0085 and U+2029 break lines; other characters sharing their last
  // bytes (© is C2 A9, ¨ is C2 A8) do not.
  EXPECT_EQ(indent("3", "é\u2028x\u0085y\u2029z é"), "é\n   x\n   y\n   z é");
  EXPECT_EQ(indent("3", "é only, no break: ©¨"), "é only, no break: ©¨");
  // A break at every offset of an eight-byte word, and a control byte that is no break.
  for (size_t at = 0; at < 20; ++at) {
    std::string s(20, 'x');
    s[at] = '\n';
    std::string expected = s.substr(0, at) + "\n" + (at + 1 < s.size() ? "  " + s.substr(at + 1) : "");
    EXPECT_EQ(indent("2", s), expected) << at;
    s[at] = '\x02';
    EXPECT_EQ(indent("2", s), s) << at;
  }
}

TEST(FastPaths, DataIsLookedUpWhereItIsAndSetsOrSelfComeFirst) {
  // The render's data is not copied into the context: a top-level set still hides a data key,
  // `self` is the template even when the data has a key `self` (as before), and an include with
  // context sees the data, the sets and the loop variable (expected from Jinja2 3.1).
  EXPECT_EQ(render("{{ a }}{% set a = 2 %}{{ a }}", {{"a", 1}}), "12");
  EXPECT_EQ(render("{{ self }}", {{"self", 1}}), "<TemplateReference 't.j2'>");  // (Jinja2's API refuses a key `self`)
  Environment env;
  env.add_template("inc.j2", "[{{ a }}|{{ t }}|{{ x|default('nox') }}|{{ self }}]");
  env.add_template("main.j2", "{% set t = 'T' %}{% for x in [1] %}{% include 'inc.j2' %}{% endfor %}"
                              "{% set self = 3 %}{{ self }}{% include 'inc.j2' %}");
  EXPECT_EQ(env.render("main.j2", {{"a", "A"}}),
            "[A|T|1|<TemplateReference 'inc.j2'>]3[A|T|nox|<TemplateReference 'inc.j2'>]");
}

TEST(FastPaths, AttributeFoundWhereItWasLastTimeOrLookedUpAgain) {
  // One `d.name` node over dicts whose keys sit at other positions, in a dict past the size of a
  // hash index, or are missing: the remembered position is only a first guess.
  nlohmann::json ds = nlohmann::json::parse(R"([{"name": "a", "doc": "x"}, {"doc": "y", "name": "b", "z": 1},
      {"q": 1, "w": 2, "e": 3, "r": 4, "t": 5, "y": 6, "u": 7, "i": 8, "o": 9, "name": "c", "doc": "z"},
      {"name": "d"}, {"doc": "v", "name": "e"}])");
  EXPECT_EQ(render("{% for d in ds %}{{ d.name }}:{{ d.doc }}:{{ d.doc is defined }};{% endfor %}", {{"ds", ds}}),
            "a:x:True;b:y:True;c:z:True;d::False;e:v:True;");
  // Keys that only share a length, a first byte or their last eight bytes are told apart.
  nlohmann::json d = nlohmann::json::parse(R"({"abcdefghij": 1, "abcdefghiK": 2, "xbcdefghij": 3, "ab": 4, "aB": 5, "abcde": 6, "abcdE": 7})");
  EXPECT_EQ(render("{{ d.abcdefghij }}{{ d.abcdefghiK }}{{ d.xbcdefghij }}{{ d.ab }}{{ d.aB }}{{ d.abcde }}{{ d.abcdE }}",
                   {{"d", d}}),
            "1234567");
}

TEST(FastPaths, LoopTargetIsReplacedEachIteration) {
  // The body may set the target or other names; the next iteration starts from `loop` and the
  // new item again. Tuple targets take the general path.
  EXPECT_EQ(render("{% for x in xs %}{{ x }}{% set x = 'set' %}{{ x }}{% set y = x %},{% endfor %}", {{"xs", {1, 2, 3}}}),
            "1set,2set,3set,");
  EXPECT_EQ(render("{% for a, b in xs %}{{ a }}{{ b }}{% endfor %}", {{"xs", {{1, 2}, {3, 4}}}}), "1234");
  EXPECT_EQ(render("{% for x in xs %}{{ y is defined }}{% set y = x %}{{ loop.index }}{% endfor %}", {{"xs", {1, 2}}}),
            "False1False2");
}

TEST(FastPaths, ConditionsTestStoredValuesWithTheErrorsOfEval) {
  // `if` tests names and attributes without copying them, and `not`/`and`/`or` without building
  // their values; strict undefined errors keep the line eval gives them.
  nlohmann::json data = nlohmann::json::parse(R"({"a": {"b": 0}, "b": 1, "c": 0, "xs": [{"k": 1}, {"k": 0}, {}]})");
  EXPECT_EQ(render("{% if not a and b or c %}T{% else %}F{% endif %}|{% if a.b %}T{% endif %}|"
                   "{% for x in xs if x.k %}{{ x.k }}{% endfor %}|{% if a and not c %}T{% endif %}",
                   data),
            "F||1|T");
  Options strict;
  strict.strict_undefined = true;
  nlohmann::json d = nlohmann::json::parse(R"({"a": 1, "z": 0, "d": {"k": 1}})");
  EXPECT_EQ(render_error("{% if a\n and b %}x{% endif %}", d, strict), "1: 'b' is undefined");
  EXPECT_EQ(render_error("{% if z\n or b %}x{% endif %}", d, strict), "1: 'b' is undefined");
  EXPECT_EQ(render_error("{% if not\n b %}x{% endif %}", d, strict), "1: 'b' is undefined");
  EXPECT_EQ(render_error("line1\n{% if b %}x{% endif %}", d, strict), "2: 'b' is undefined");
  EXPECT_EQ(render_error("{% if (a\n and\n d.q) %}x{% endif %}", d, strict), "1: 'dict object' has no attribute 'q'");
  EXPECT_EQ(render_error("{% if a and\n (b\n or a) %}x{% endif %}", d, strict), "2: 'b' is undefined");
  EXPECT_EQ(render_error("{% for x in [1,2]\n if not\n x.q %}{{x}}{% endfor %}", d, strict), "2: 'int object' has no attribute 'q'");
}

TEST(FastPaths, OutputOfEveryWriteSizeAndCapturedMacros) {
  // Writes of 0 to 40 bytes (the inline copies and memcpy), through macros rendered into a
  // string first (`set` block, filter) and straight into the output.
  std::string expected;
  nlohmann::json words = nlohmann::json::array();
  for (size_t n = 0; n <= 40; ++n) {
    std::string w;
    for (size_t i = 0; i < n; ++i) w += char('a' + (n + i) % 26);
    words.push_back(w);
    expected += w + "|";
  }
  EXPECT_EQ(render("{% for w in ws %}{{ w }}|{% endfor %}", {{"ws", words}}), expected);
  EXPECT_EQ(render("{% macro m(w) %}<{{ w }}>{% endmacro %}{% set s %}{{ m('abc') }}{{ m(x) }}{% endset %}"
                   "{{ s|length }}{{ m(x)|upper }}{{ m('q') }}",
                   {{"x", "0123456789abcdefghij"}}),
            "27<0123456789ABCDEFGHIJ><q>");
}

TEST(FastPaths, ConstantFilterArgumentsAreTakenOnceAndReadByEveryRender) {
  // `indent(2, first=true)` and the like get one CallArgs from the parser; every iteration and
  // every render (one thread or two) read it (expected from Jinja2 3.1).
  const std::string source =
      "{% for x in xs %}{{ x|indent(2, first=true) }}|{{ x|truncate(5, end='!', leeway=0) }}|{{ [x, x]|join(', ') }}|"
      "{{ [x]|map('upper')|join }};{% endfor %}";
  const std::string expected =
      "  ab|ab|ab, ab|AB;  abcdefgh|abcd!|abcdefgh, abcdefgh|ABCDEFGH;  a\n  b|a\nb|a\nb, a\nb|A\nB;";
  nlohmann::json data = {{"xs", {"ab", "abcdefgh", "a\nb"}}};
  Environment env;
  EXPECT_EQ(env.render_string(source, data), expected);
  EXPECT_EQ(env.render_string(source, data), expected);  // the cached template, its arguments reused
  nlohmann::json many = nlohmann::json::array();
  std::string expected_many;
  for (int i = 0; i < 300; ++i) {
    many.push_back(i % 3 == 0 ? "ab" : i % 3 == 1 ? "abcdefgh" : "a\nb");
    expected_many += i % 3 == 0 ? "  ab|ab|ab, ab|AB;" : i % 3 == 1 ? "  abcdefgh|abcd!|abcdefgh, abcdefgh|ABCDEFGH;"
                                                                     : "  a\n  b|a\nb|a\nb, a\nb|A\nB;";
  }
  Options two;
  two.threads = 2;
  EXPECT_EQ(render(source, {{"xs", many}}, two), expected_many);
}

TEST(FastPaths, JsonDuplicateKeysInALargeObjectKeepTheFirstPosition) {
  // json.loads: a repeated key keeps its first position and takes the last value; the dict
  // (past the size where it gets a hash index) still finds every key.
  Value d = parse_json(R"({"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,"k":11,"a":12,"l":13})");
  EXPECT_EQ(repr(d), "{'a': 12, 'b': 2, 'c': 3, 'd': 4, 'e': 5, 'f': 6, 'g': 7, 'h': 8, 'i': 9, 'j': 10, 'k': 11, 'l': 13}");
  for (const char* k : {"a", "b", "h", "k", "l"}) EXPECT_NE(d.as_dict().find(std::string_view(k)), nullptr) << k;
  EXPECT_EQ(d.as_dict().find(std::string_view("m")), nullptr);
  EXPECT_EQ(d.as_dict().find(Value(int64_t(1))), nullptr);
}

}  // namespace
}  // namespace restack::tmpl
