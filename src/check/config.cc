#include "check/config.h"

#include <cctype>

namespace restack::check {
namespace fs = std::filesystem;
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

/// Removes a `#` comment that is outside quotes.
std::string_view strip_comment(std::string_view line) {
  char quote = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quote) {
      if (c == '\\' && quote == '"') ++i;
      else if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '#') {
      return line.substr(0, i);
    }
  }
  return line;
}

/// Parses `["a", 'b']`; false when it is not an array of strings.
bool parse_string_array(std::string_view v, std::vector<std::string>& out) {
  v = trim(v);
  if (v.size() < 2 || v.front() != '[' || v.back() != ']') return false;
  v = v.substr(1, v.size() - 2);
  size_t i = 0;
  while (i < v.size()) {
    while (i < v.size() && (std::isspace(static_cast<unsigned char>(v[i])) || v[i] == ',')) ++i;
    if (i >= v.size()) break;
    char q = v[i];
    if (q != '"' && q != '\'') return false;
    size_t end = v.find(q, i + 1);
    if (end == std::string_view::npos) return false;
    out.emplace_back(v.substr(i + 1, end - i - 1));
    i = end + 1;
  }
  return true;
}

}  // namespace

ProjectSettings parse_project_settings(std::string_view toml, const std::string& path, std::vector<Diagnostic>* errors) {
  ProjectSettings s;
  bool in_table = false;
  size_t pos = 0;
  int line_no = 0;
  std::string pending_key, pending_value;
  int pending_line = 0;
  while (pos < toml.size()) {
    size_t nl = toml.find('\n', pos);
    std::string_view raw = toml.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? toml.size() : nl + 1;
    ++line_no;
    std::string_view line = trim(strip_comment(raw));
    if (!pending_key.empty()) {  // continuing a multi-line array
      pending_value += ' ';
      pending_value += line;
      if (line.find(']') == std::string_view::npos) continue;
    } else {
      if (line.empty()) continue;
      if (line.front() == '[') {
        in_table = line == "[tool.restack-gen.check]" || line == "[tool.\"restack-gen\".check]";
        continue;
      }
      if (!in_table) continue;
      size_t eq = line.find('=');
      if (eq == std::string_view::npos) continue;
      pending_key = std::string(trim(line.substr(0, eq)));
      pending_value = std::string(trim(line.substr(eq + 1)));
      pending_line = line_no;
      if (!pending_value.empty() && pending_value.front() == '[' && pending_value.find(']') == std::string::npos)
        continue;
    }
    std::vector<std::string> values;
    bool ok = parse_string_array(pending_value, values);
    if (pending_key == "select" || pending_key == "ignore") {
      if (!ok) {
        if (errors)
          errors->push_back(Diagnostic{{path, pending_line, 1}, {}, Severity::kError, "E-check-config",
                                       "[tool.restack-gen.check] " + pending_key + " must be an array of rule codes, "
                                       "e.g. " + pending_key + " = [\"RSG205\"]", {}});
      } else if (pending_key == "select") {
        s.select = std::move(values);
      } else {
        s.ignore = std::move(values);
      }
    }
    pending_key.clear();
    pending_value.clear();
  }
  return s;
}

fs::path find_pyproject(const fs::path& dir) {
  std::error_code ec;
  fs::path p = fs::absolute(dir, ec).lexically_normal();
  if (p.filename().empty()) p = p.parent_path();
  for (int i = 0; i < 64 && !p.empty(); ++i) {
    fs::path candidate = p / "pyproject.toml";
    if (fs::is_regular_file(candidate, ec)) return candidate;
    if (p == p.root_path()) break;
    p = p.parent_path();
  }
  return {};
}

}  // namespace restack::check
