#pragma once
// Small helpers for the template tests: render a string, or capture the error it raises.
#include <nlohmann/json.hpp>
#include <string>

#include "template/environment.h"

namespace restack::tmpl::testing {

/// Renders SOURCE with DATA; fails the calling test (via exception) on a template error.
std::string render(const std::string& source, const nlohmann::json& data = nlohmann::json::object(), Options options = {});

/// The error a render raises, as "LINE: MESSAGE" (empty if it renders).
std::string render_error(const std::string& source, const nlohmann::json& data = nlohmann::json::object(),
                         Options options = {});

}  // namespace restack::tmpl::testing
