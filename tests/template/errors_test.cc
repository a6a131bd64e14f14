// Runtime errors: Jinja2's messages, at the template and line where they happen.
#include <gtest/gtest.h>

#include "common/diagnostic.h"
#include "template/render_helpers.h"

namespace restack::tmpl {
namespace {

using testing::render_error;

TEST(RuntimeErrors, MessagesAndLines) {
  EXPECT_EQ(render_error("a\n{{ 1 / 0 }}"), "2: division by zero");
  EXPECT_EQ(render_error("{{ x.y }}"), "1: 'x' is undefined");
  EXPECT_EQ(render_error("\n\n{{ x() }}", {{"x", 1}}), "3: 'int' object is not callable");
  EXPECT_EQ(render_error("{{ 1 + 'a' }}"), "1: unsupported operand type(s) for +: 'int' and 'str'");
  EXPECT_EQ(render_error("{% for a, b in [1] %}{% endfor %}"), "1: 'int' object is not iterable");
  EXPECT_EQ(render_error("{% macro m(a) %}{% endmacro %}{{ m(1, 2) }}"), "1: macro 'm' takes not more than 1 argument(s)");
}

TEST(RuntimeErrors, StrictUndefined) {
  Options strict;
  strict.strict_undefined = true;
  EXPECT_EQ(render_error("{{ nope }}", {}, strict), "1: 'nope' is undefined");
  EXPECT_EQ(render_error("{% if nope %}{% endif %}", {}, strict), "1: 'nope' is undefined");
  EXPECT_EQ(render_error("{{ d.k }}", {{"d", nlohmann::json::object()}}, strict), "1: 'dict object' has no attribute 'k'");
  EXPECT_EQ(testing::render("{{ nope is defined }}{{ nope|default('d') }}", {}, strict), "Falsed");
}

TEST(RuntimeErrors, NameTheTemplateWhereTheErrorIs) {
  Environment env;
  env.add_template("inc.j2", "ok\n{{ 1 // 0 }}");
  env.add_template("base.j2", "{% block b %}{% endblock %}");
  env.add_template("child.j2", "{% extends 'base.j2' %}{% block b %}\n\n{{ nope() }}{% endblock %}");
  env.add_template("t.j2", "line1\n{% include 'inc.j2' %}");
  try {
    env.render("t.j2", {});
    FAIL();
  } catch (const DiagnosticError& e) {
    EXPECT_EQ(e.diagnostic().location.file, "inc.j2");
    EXPECT_EQ(e.diagnostic().location.line, 2);
  }
  try {
    env.render("child.j2", {});
    FAIL();
  } catch (const DiagnosticError& e) {
    EXPECT_EQ(e.diagnostic().location.file, "child.j2");
    EXPECT_EQ(e.diagnostic().location.line, 3);
  }
  env.add_template("missing.j2", "a\n{% include 'gone.j2' %}");
  try {
    env.render("missing.j2", {});
    FAIL();
  } catch (const DiagnosticError& e) {
    EXPECT_EQ(e.diagnostic().location.file, "missing.j2");
    EXPECT_EQ(e.diagnostic().location.line, 2);
    EXPECT_EQ(e.diagnostic().message, "template 'gone.j2' not found");
  }
}

}  // namespace
}  // namespace restack::tmpl
