// Fuzzes the template lexer, parser and renderer: any input must render or raise a
// DiagnosticError, within the limits (no crash, no hang, no unbounded memory).
// The first byte picks the options; the rest is the template, rendered with a small fixed context.
#include <cstddef>
#include <cstdint>
#include <string>

#include "common/diagnostic.h"
#include "template/environment.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  restack::tmpl::Options options;
  options.trim_blocks = data[0] & 1;
  options.lstrip_blocks = data[0] & 2;
  options.keep_trailing_newline = data[0] & 4;
  options.strict_undefined = data[0] & 8;
  options.max_output_bytes = 1 << 20;
  options.max_loop_iterations = 20000;
  options.max_recursion_depth = 60;
  std::string source(reinterpret_cast<const char*>(data + 1), size - 1);
  static const nlohmann::json context = {
      {"name", "World"}, {"n", 3}, {"f", 2.5}, {"items", {1, "two", 3.0, nullptr, true}},
      {"d", {{"a", 1}, {"b", {{"c", "deep"}}}}}, {"people", {{{"name", "x"}, {"age", 3}}, {{"name", "y"}}}}};
  restack::tmpl::Environment env(options);
  env.add_template("t.j2", source);
  env.add_template("inc.j2", "[{{ name }}{% block b %}B{% endblock %}]");
  env.add_template("m.j2", "{% macro m(x) %}<{{ x }}{{ caller() if caller }}>{% endmacro %}");
  try {
    env.render("t.j2", context);
  } catch (const restack::DiagnosticError&) {
  }
  return 0;
}
