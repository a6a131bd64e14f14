#include "template/parser.h"

#include <gtest/gtest.h>

#include "template/registry.h"
#include "template/render_helpers.h"

namespace restack::tmpl {
namespace {

using testing::render_error;

std::shared_ptr<Template> parse(const std::string& src) {
  static Registry registry = Registry::with_builtins();
  return parse_template(src, "t.j2", {}, registry);
}

TEST(Parser, BuildsStatementsAndBlocks) {
  auto t = parse("a{{ x }}{% for i in l %}{% block b %}{% endblock %}{% endfor %}");
  ASSERT_EQ(t->body.size(), 3u);
  EXPECT_EQ(t->body[0]->kind, StmtKind::kData);
  EXPECT_EQ(t->body[1]->kind, StmtKind::kPrint);
  EXPECT_EQ(t->body[2]->kind, StmtKind::kFor);
  EXPECT_EQ(t->blocks.count("b"), 1u);
}

TEST(Parser, PrecedenceFollowsJinja) {
  auto t = parse("{{ 1 + 2 * 3 }}");
  const auto& p = static_cast<const PrintStmt&>(*t->body[0]);
  ASSERT_EQ(p.expr->kind, ExprKind::kBinary);
  EXPECT_EQ(static_cast<const BinaryExpr&>(*p.expr).op, BinaryOp::kAdd);
  EXPECT_EQ(testing::render("{{ 2 ** 3 ** 2 }} {{ -2 ** 2 }} {{ not 1 == 2 }}"), "64 4 True");
}

TEST(Parser, MacroRecordsCallerVarargsKwargsUse) {
  auto t = parse("{% macro m() %}{{ caller() }}{{ varargs }}{% endmacro %}");
  const auto& m = static_cast<const MacroStmt&>(*t->body[0]);
  EXPECT_TRUE(m.macro->uses_caller);
  EXPECT_TRUE(m.macro->uses_varargs);
  EXPECT_FALSE(m.macro->uses_kwargs);
}

TEST(Parser, SyntaxErrorsHaveJinjaMessagesAndLines) {
  EXPECT_EQ(render_error("{{ 1 + }}"), "1: unexpected 'end of print statement'");
  EXPECT_EQ(render_error("a\n{% if x %}\nb"),
            "2: Unexpected end of template. Jinja was looking for the following tags: 'elif' or 'else' or 'endif'. "
            "The innermost block that needs to be closed is 'if'.");
  EXPECT_EQ(render_error("{{ x\n"), "1: unexpected end of template, expected 'end of print statement'.");
  EXPECT_EQ(render_error("\n\n{% foo %}"), "3: Encountered unknown tag 'foo'.");
  EXPECT_EQ(render_error("{{ x|nope }}"), "1: No filter named 'nope'.");
  EXPECT_EQ(render_error("{{ x is nope }}"), "1: No test named 'nope'.");
  EXPECT_EQ(render_error("{% set 1 = 2 %}"), "1: can't assign to 'const'");
  EXPECT_EQ(render_error("{% block a %}{% endblock %}{% block a %}{% endblock %}"), "1: block 'a' defined twice");
  EXPECT_EQ(render_error("{% macro m(a=1, b) %}{% endmacro %}"), "1: non-default argument follows default argument");
  EXPECT_EQ(render_error("{% from 'x' import _p %}"), "1: names starting with an underline can not be imported");
}

TEST(Parser, DeepNestingIsAnErrorNotACrash) {
  std::string deep = std::string(5000, '(') + "1" + std::string(5000, ')');
  EXPECT_NE(render_error("{{ " + deep + " }}").find("nested too deeply"), std::string::npos);
  std::string blocks;
  for (int i = 0; i < 1000; ++i) blocks += "{% if 1 %}";
  EXPECT_NE(render_error(blocks).find("nested too deeply"), std::string::npos);
}

}  // namespace
}  // namespace restack::tmpl
