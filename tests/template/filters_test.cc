// Builtin filters and tests (a sample per family; the differential suite compares all of them
// with Python Jinja2) and restack-gen's own code-generation filters.
#include <gtest/gtest.h>

#include "template/render_helpers.h"

namespace restack::tmpl {
namespace {

using testing::render;
using testing::render_error;

TEST(CodegenFilters, CaseConversions) {
  EXPECT_EQ(render("{{ 'HTTPServerError'|snake_case }} {{ 'fooBar baz-qux'|snake_case }} {{ 'v2Api'|snake_case }}"),
            "http_server_error foo_bar_baz_qux v2_api");
  EXPECT_EQ(render("{{ 'data processor'|pascal_case }} {{ 'data_processor'|camel_case }} {{ 'DataProcessor'|kebab_case }}"),
            "DataProcessor dataProcessor data-processor");
  EXPECT_EQ(render("[{{ ''|snake_case }}]"), "[]");
}

TEST(CodegenFilters, PythonRepr) {
  EXPECT_EQ(render("{{ x|python_repr }}", {{"x", {{"a", {1, 2.5, nullptr, true, "it's"}}}}}),
            "{'a': [1, 2.5, None, True, \"it's\"]}");
  EXPECT_EQ(render("{{ 'a\\nb'|python_repr }} {{ (1,)|python_repr }}"), "'a\\nb' (1,)");
  EXPECT_NE(render_error("{{ missing|python_repr }}").find("'missing' is undefined"), std::string::npos);
}

TEST(CodegenFilters, CallersRegisterTheirOwn) {
  Environment env;
  env.add_filter("shout", [](const Value& self, const std::vector<Value>& args, const Kwargs& kwargs) {
    std::string suffix = args.empty() ? "!" : to_str(args[0]);
    for (const auto& [k, v] : kwargs)
      if (k == "times") suffix = std::string(size_t(v.as_int()), suffix[0]);
    return Value(to_str(self) + suffix);
  });
  EXPECT_EQ(env.render_string("{{ 'hi'|shout }} {{ 'hi'|shout('?') }} {{ 'hi'|shout(times=3) }}", {}), "hi! hi? hi!!!");
}

TEST(BuiltinFilters, StringFamily) {
  EXPECT_EQ(render("{{ 'foo bar baz'|truncate(9, leeway=0) }}|{{ 'ab'|center(6) }}|{{ '  x '|trim }}|{{ 'a b'|title }}"),
            "foo...|  ab  |x|A B");
  EXPECT_EQ(render("{{ 'one two three four'|wordwrap(9) }}"), "one two\nthree\nfour");
  EXPECT_EQ(render("{{ 'a\nb'|indent(2, true) }}"), "  a\n  b");
  EXPECT_EQ(render("{{ '<a>&'|e }} {{ '<b>x</b>'|striptags }} {{ 'a b'|urlencode }}"), "&lt;a&gt;&amp; x a%20b");
}

TEST(BuiltinFilters, ListFamily) {
  nlohmann::json data = {{"people", {{{"n", "b"}, {"age", 2}}, {{"n", "a"}, {"age", 1}}}}};
  EXPECT_EQ(render("{{ people|sort(attribute='age')|map(attribute='n')|join(',') }}", data), "a,b");
  EXPECT_EQ(render("{{ people|selectattr('age', 'gt', 1)|map(attribute='n')|list }}", data), "['b']");
  EXPECT_EQ(render("{% for g in people|groupby('age') %}{{ g.grouper }}{% endfor %}", data), "12");
  EXPECT_EQ(render("{{ {'b': 1, 'a': 2}|dictsort }}"), "[('a', 2), ('b', 1)]");
  EXPECT_EQ(render("{{ [1, 2, 3]|sum }} {{ [3, 1]|min }} {{ ['a', 'A']|unique|list }}"), "6 1 ['a']");
}

TEST(BuiltinFilters, NumbersAndJson) {
  EXPECT_EQ(render("{{ 2.5|round }} {{ 3|round }} {{ '42.5'|int }} {{ 'x'|float }} {{ -3|abs }}"), "2.0 3 42 0.0 3");
  EXPECT_EQ(render("{{ 1500|filesizeformat }} {{ 1500|filesizeformat(true) }}"), "1.5 kB 1.5 KiB");
  EXPECT_EQ(render("{{ {'b': [1, 2.0], 'a': '<'}|tojson }}"), "{\"a\": \"\\u003c\", \"b\": [1, 2.0]}");
}

TEST(BuiltinTests, TypeAndValueTests) {
  EXPECT_EQ(render("{{ 1 is number }}{{ true is number }}{{ true is integer }}{{ 'a' is sequence }}{{ x is defined }}"),
            "TrueTrueFalseTrueFalse");
  EXPECT_EQ(render("{{ 6 is divisibleby 3 }}{{ 3 is odd }}{{ 2 is in [1, 2] }}{{ 'ab' is lower }}{{ none is sameas none }}"),
            "TrueTrueTrueTrueTrue");
}

}  // namespace
}  // namespace restack::tmpl
