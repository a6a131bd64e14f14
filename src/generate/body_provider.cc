#include "generate/body_provider.h"

#include <sstream>

#include "generate/context_internal.h"
#include "generate/python_literal.h"
#include "generate/python_types.h"

namespace restack::generate {

std::string dedent(const std::string& code) {
  std::vector<std::string> lines;
  std::istringstream in(code);
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.pop_back();
    lines.push_back(line);
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  size_t first = 0;
  while (first < lines.size() && lines[first].empty()) ++first;
  std::string prefix;
  bool have_prefix = false;
  for (size_t i = first; i < lines.size(); ++i) {
    const auto& l = lines[i];
    if (l.empty()) continue;
    std::string lead = l.substr(0, l.find_first_not_of(" \t"));
    if (!have_prefix) {
      prefix = lead;
      have_prefix = true;
    } else {
      size_t n = 0;
      while (n < prefix.size() && n < lead.size() && prefix[n] == lead[n]) ++n;
      prefix.resize(n);
    }
  }
  std::string out;
  for (size_t i = first; i < lines.size(); ++i) {
    if (i > first) out += '\n';
    if (!lines[i].empty()) out += lines[i].substr(prefix.size());
  }
  return out;
}

FunctionBody PlaceholderBodyProvider::body(const BodyRequest& r) {
  const auto& fn = r.function;
  // `log.info("NAME started")` as call_expr lays it out: on one line when it fits.
  std::string code;
  // One allocation for the usual body (a log line, a TODO comment, a return of zero values).
  code.reserve(128 + 2 * fn.name.size() + (fn.description ? fn.description->size() : 0));
  code += r.log_name;
  code += ".info(";
  std::string started = fn.name;
  started += " started";
  append_python_string(code, started);
  code += ')';
  if (4 + code.size() > kLineLength) code = fit(code, 4, 4);
  code += "\n# TODO: implement ";
  code += fn.name;
  if (fn.description) {
    const std::string& description = *fn.description;
    // A description that one_line leaves as it is (most) is appended without a copy.
    if (plain_description(description)) {
      if (!description.empty()) {
        code += ": ";
        code += description;
      }
    } else if (std::string what = one_line(description); !what.empty()) {
      code += ": ";
      code += what;
    }
  }
  if (!r.output_model.empty()) {
    code += "\nreturn ";
    // Written in place; laid out by fit() only when it does not fit on the line (rare).
    const size_t start = code.size();
    r.types.append_construct(code, r.output_model, false);
    if (4 + 7 + (code.size() - start) > kLineLength) {
      const std::string flat = code.substr(start);
      code.resize(start);
      code += fit(flat, 4, 4 + 7);
    }
  }
  return {std::move(code), {}, "placeholder"};
}

FunctionBody CodeBodyProvider::body(const BodyRequest& r) {
  if (!r.function.code) return fallback_.body(r);
  return {dedent(*r.function.code), r.function.imports, "code"};
}

}  // namespace restack::generate
