// A hostile template hits a limit with a clear error: no crash, no endless run.
#include <gtest/gtest.h>

#include "common/diagnostic.h"
#include "template/render_helpers.h"

namespace restack::tmpl {
namespace {

using testing::render_error;

TEST(Limits, RecursionDepth) {
  EXPECT_NE(render_error("{% macro r() %}{{ r() }}{% endmacro %}{{ r() }}").find("maximum recursion depth exceeded"),
            std::string::npos);
  Environment env;
  env.add_template("self.j2", "{% include 'self.j2' %}");
  EXPECT_THROW(env.render("self.j2", {}), DiagnosticError);
}

TEST(Limits, LoopIterations) {
  Options o;
  o.max_loop_iterations = 1000;
  EXPECT_NE(render_error("{% for i in range(10) %}{% for j in range(200) %}{% endfor %}{% endfor %}", {}, o)
                .find("too many loop iterations"),
            std::string::npos);
  EXPECT_NE(render_error("{{ range(100000)|length }}", {}, o).find("range() too large"), std::string::npos);
}

TEST(Limits, OutputSize) {
  Options o;
  o.max_output_bytes = 1000;
  EXPECT_NE(render_error("{% for i in range(100) %}0123456789abcdef{% endfor %}", {}, o).find("output too large"),
            std::string::npos);
  EXPECT_NE(render_error("{{ 'x' * 100000 }}", {}, o).find("too large"), std::string::npos);
  EXPECT_NE(render_error("{{ 'x'|center(100000) }}", {}, o).find("too large"), std::string::npos);
  EXPECT_NE(render_error("{{ '%*d' % (100000, 1) }}", {}, o).find("too large"), std::string::npos);
}

TEST(Limits, SandboxedTemplateNames) {
  Environment env;
  env.add_search_path(std::filesystem::temp_directory_path());
  EXPECT_NE(render_error("{% include '../etc/passwd' %}").find("not found"), std::string::npos);
  EXPECT_NE(render_error("{% include '/etc/passwd' %}").find("not found"), std::string::npos);
}

}  // namespace
}  // namespace restack::tmpl
