#include "check/report_format.h"

#include <nlohmann/json.hpp>
#include <map>
#include <sstream>

#include "check/registry.h"
#include "common/diagnostic_printer.h"

namespace restack::check {
namespace {

std::string hint_of(const Diagnostic& d) { return d.notes.empty() ? std::string() : d.notes.front().message; }

std::string indent(std::string_view code, std::string_view prefix) {
  std::string out;
  size_t pos = 0;
  while (pos < code.size()) {
    size_t nl = code.find('\n', pos);
    std::string_view line = code.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    out += line.empty() ? std::string() : std::string(prefix) + std::string(line);
    out += '\n';
    pos = nl == std::string_view::npos ? code.size() : nl + 1;
  }
  return out;
}

}  // namespace

std::string format_text(const std::vector<Diagnostic>& findings, bool color) {
  std::string out;
  for (const auto& d : findings) {
    const char* sev_color = d.severity == Severity::kError ? "\033[1;31m" : "\033[1;35m";
    if (color) out += "\033[1m";
    out += format_location(d.location) + ":";
    if (color) out += "\033[0m";
    out += ' ';
    if (color) out += sev_color;
    out += d.code;
    if (color) out += "\033[0m";
    out += ' ' + d.message + '\n';
    std::string hint = hint_of(d);
    if (!hint.empty()) out += "  hint: " + hint + '\n';
  }
  return out;
}

std::string format_json(const std::vector<Diagnostic>& findings) {
  auto arr = nlohmann::json::array();
  for (const auto& d : findings) {
    nlohmann::json j{{"file", d.location.file},
                     {"line", d.location.line},
                     {"column", d.location.column},
                     {"end_line", d.end.known() ? d.end.line : d.location.line},
                     {"end_column", d.end.known() ? d.end.column : d.location.column},
                     {"code", d.code},
                     {"severity", severity_name(d.severity)},
                     {"message", d.message}};
    std::string hint = hint_of(d);
    if (!hint.empty()) j["hint"] = hint;
    arr.push_back(std::move(j));
  }
  return arr.dump(2) + "\n";
}

std::string format_sarif(const std::vector<Diagnostic>& findings) {
  using nlohmann::json;
  json rules = json::array();
  std::map<std::string, size_t> rule_index;
  for (const Rule* r : all_rules()) {
    const RuleMeta& m = r->meta;
    rule_index[std::string(m.code)] = rules.size();
    std::string help = std::string(m.rationale) + "\n\nBad:\n" + indent(m.bad, "    ") + "\nGood:\n" + indent(m.good, "    ");
    rules.push_back({{"id", m.code},
                     {"name", m.name},
                     {"shortDescription", {{"text", m.summary}}},
                     {"fullDescription", {{"text", m.rationale}}},
                     {"help", {{"text", help}}},
                     {"helpUri", "https://github.com/restack-gen/restack-gen/blob/main/docs/rules.md#" +
                                     std::string(m.code)},
                     {"defaultConfiguration", {{"level", m.severity == Severity::kError ? "error" : "warning"}}}});
  }
  json results = json::array();
  for (const auto& d : findings) {
    json region{{"startLine", std::max(d.location.line, 1)}, {"startColumn", std::max(d.location.column, 1)}};
    if (d.end.known()) {
      region["endLine"] = d.end.line;
      region["endColumn"] = std::max(d.end.column, 1);
    }
    std::string text = d.message;
    std::string hint = hint_of(d);
    if (!hint.empty()) text += " (" + hint + ")";
    json result{{"ruleId", d.code},
                {"level", d.severity == Severity::kError ? "error" : "warning"},
                {"message", {{"text", text}}},
                {"locations",
                 json::array({{{"physicalLocation",
                                {{"artifactLocation", {{"uri", d.location.file}}}, {"region", region}}}}})}};
    auto it = rule_index.find(d.code);
    if (it != rule_index.end()) result["ruleIndex"] = it->second;
    results.push_back(std::move(result));
  }
  json sarif{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
             {"version", "2.1.0"},
             {"runs", json::array({{{"tool",
                                     {{"driver",
                                       {{"name", "restack-gen check"},
                                        {"version", RESTACK_VERSION},
                                        {"informationUri", "https://github.com/restack-gen/restack-gen"},
                                        {"rules", rules}}}}},
                                    {"results", results}}})}};
  return sarif.dump(2) + "\n";
}

std::string explain_text(const RuleMeta& m) {
  std::ostringstream out;
  out << m.code << " " << m.name << " (" << severity_name(m.severity) << ")\n\n"
      << m.summary << ".\n\n"
      << "Why: " << m.rationale << "\n\n"
      << "Bad:\n"
      << indent(m.bad, "    ") << "\nGood:\n"
      << indent(m.good, "    ") << "\nSilence one line with `# noqa: " << m.code << "`, or the rule with --ignore "
      << m.code << " or [tool.restack-gen.check] ignore = [\"" << m.code << "\"] in pyproject.toml.\n";
  return out.str();
}

std::string explain_all_markdown() {
  std::ostringstream out;
  out << "# `restack-gen check` rules\n\n"
      << "<!-- GENERATED by `restack-gen check --explain-all --format markdown` from the rule metadata in\n"
      << "     src/check/rules/*.cc; do not edit (tests/check/rules_doc_test.cc fails when it is stale). -->\n\n"
      << "Codes are stable. RSG0xx: syntax; RSG1xx: determinism of workflow code (classes decorated\n"
      << "`@workflow.defn` or `@agent.defn`, their `@agent.event` handlers, and the same-module functions they\n"
      << "call); RSG2xx: Restack wiring; RSG3xx: function code; RSG4xx: security.\n\n"
      << "| code | name | severity | summary |\n|---|---|---|---|\n";
  for (const Rule* r : all_rules())
    out << "| [" << r->meta.code << "](#" << r->meta.code << ") | " << r->meta.name << " | "
        << severity_name(r->meta.severity) << " | " << r->meta.summary << " |\n";
  for (const Rule* r : all_rules()) {
    const RuleMeta& m = r->meta;
    out << "\n## " << m.code << "\n\n**" << m.name << "** (" << severity_name(m.severity) << "): " << m.summary
        << ".\n\n"
        << "Why: " << m.rationale << "\n\n"
        << "Flagged:\n\n```python\n"
        << m.bad << (m.bad.empty() || m.bad.back() == '\n' ? "" : "\n") << "```\n\n"
        << "Instead:\n\n```python\n"
        << m.good << (m.good.empty() || m.good.back() == '\n' ? "" : "\n") << "```\n";
  }
  return out.str();
}

}  // namespace restack::check
