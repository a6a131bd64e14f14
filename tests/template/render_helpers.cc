#include "render_helpers.h"

#include "common/diagnostic.h"

namespace restack::tmpl::testing {

std::string render(const std::string& source, const nlohmann::json& data, Options options) {
  Environment env(options);
  return env.render_string(source, data, "t.j2");
}

std::string render_error(const std::string& source, const nlohmann::json& data, Options options) {
  Environment env(options);
  try {
    env.render_string(source, data, "t.j2");
  } catch (const DiagnosticError& e) {
    return std::to_string(e.diagnostic().location.line) + ": " + e.diagnostic().message;
  }
  return "";
}

}  // namespace restack::tmpl::testing
