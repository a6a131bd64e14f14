#include "common/diagnostic_printer.h"

#include <nlohmann/json.hpp>
#include <ostream>

namespace restack {
namespace {

const char* severity_color(Severity s) {
  switch (s) {
    case Severity::kError: return "\033[1;31m";
    case Severity::kWarning: return "\033[1;35m";
    case Severity::kNote: return "\033[1;36m";
  }
  return "";
}

void print_line(std::ostream& out, const SourceLocation& loc, Severity s, const std::string& message,
                const PrintOptions& options) {
  if (options.color) out << "\033[1m";
  out << format_location(loc) << ": ";
  if (options.color) out << "\033[0m" << severity_color(s);
  out << severity_name(s) << ":";
  if (options.color) out << "\033[0m";
  out << ' ' << message << '\n';
}

}  // namespace

std::string format_location(const SourceLocation& loc) {
  std::string s = loc.file.empty() ? "<input>" : loc.file;
  if (loc.line > 0) {
    s += ':' + std::to_string(loc.line);
    if (loc.column > 0) s += ':' + std::to_string(loc.column);
  }
  return s;
}

void print_text(std::ostream& out, const std::vector<Diagnostic>& diagnostics, const PrintOptions& options) {
  for (const auto& d : diagnostics) {
    std::string message = d.message;
    if (options.show_code && !d.code.empty()) message += " [" + d.code + "]";
    print_line(out, d.location, d.severity, message, options);
    for (const auto& n : d.notes)
      print_line(out, n.location.known() ? n.location : d.location, Severity::kNote, n.message, options);
  }
}

std::string to_json(const std::vector<Diagnostic>& diagnostics) {
  auto arr = nlohmann::json::array();
  for (const auto& d : diagnostics) {
    nlohmann::json j{{"file", d.location.file},
                     {"line", d.location.line},
                     {"column", d.location.column},
                     {"severity", severity_name(d.severity)},
                     {"code", d.code},
                     {"message", d.message}};
    if (d.end.known()) {
      j["end_line"] = d.end.line;
      j["end_column"] = d.end.column;
    }
    if (!d.notes.empty()) {
      auto notes = nlohmann::json::array();
      for (const auto& n : d.notes) notes.push_back(n.message);
      j["notes"] = notes;
    }
    arr.push_back(std::move(j));
  }
  return arr.dump(2);
}

}  // namespace restack
