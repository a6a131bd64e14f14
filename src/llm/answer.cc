#include "llm/answer.h"

#include <cctype>
#include <regex>
#include <vector>

namespace restack::llm {
namespace {

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string line(text.substr(start, nl - start));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    start = nl + 1;
  }
  return lines;
}

std::string join_lines(const std::vector<std::string>& lines, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to; ++i) {
    out += lines[i];
    if (i + 1 < to) out += '\n';
  }
  return out;
}

bool blank(std::string_view line) {
  for (char c : line)
    if (!std::isspace(static_cast<unsigned char>(c))) return false;
  return true;
}

size_t indent_of(std::string_view line) {
  size_t n = 0;
  while (n < line.size() && (line[n] == ' ' || line[n] == '\t')) ++n;
  return n;
}

std::string trim_blank_lines(const std::vector<std::string>& lines) {
  size_t from = 0, to = lines.size();
  while (from < to && blank(lines[from])) ++from;
  while (to > from && blank(lines[to - 1])) --to;
  return join_lines(lines, from, to);
}

/// Where the header of the def starting at LINE ends: the line holding the ':' that closes it
/// (outside brackets and strings), and the column after it.
std::pair<size_t, size_t> end_of_signature(const std::vector<std::string>& lines, size_t line) {
  int depth = 0;
  char quote = 0;
  for (size_t l = line; l < lines.size(); ++l) {
    const std::string& s = lines[l];
    for (size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      if (quote) {
        if (c == '\\') ++i;
        else if (c == quote) quote = 0;
        continue;
      }
      if (c == '#') break;
      if (c == '"' || c == '\'') quote = c;
      else if (c == '(' || c == '[' || c == '{') ++depth;
      else if (c == ')' || c == ']' || c == '}') --depth;
      else if (c == ':' && depth == 0) return {l, i + 1};
    }
  }
  return {lines.size(), 0};
}

}  // namespace

std::string extract_code(std::string_view answer) {
  auto lines = split_lines(answer);
  struct Block {
    std::string lang;
    size_t from, to;
  };
  std::vector<Block> blocks;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view l = lines[i];
    size_t ind = indent_of(l);
    if (l.substr(ind).rfind("```", 0) != 0) continue;
    std::string lang(l.substr(ind + 3));
    while (!lang.empty() && std::isspace(static_cast<unsigned char>(lang.back()))) lang.pop_back();
    for (auto& c : lang) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    size_t j = i + 1;
    while (j < lines.size() && std::string_view(lines[j]).substr(indent_of(lines[j])).rfind("```", 0) != 0) ++j;
    blocks.push_back({lang, i + 1, j});
    i = j;
  }
  if (blocks.empty()) return trim_blank_lines(lines);
  const Block* chosen = nullptr;
  for (const auto& b : blocks)
    if (b.lang == "python" || b.lang == "py" || b.lang == "python3") {
      chosen = &b;
      break;
    }
  if (!chosen)
    for (const auto& b : blocks)
      if (b.lang.empty()) {
        chosen = &b;
        break;
      }
  if (!chosen) chosen = &blocks.front();
  std::vector<std::string> inner(lines.begin() + chosen->from, lines.begin() + chosen->to);
  return trim_blank_lines(inner);
}

std::string dedent(std::string_view code) {
  auto lines = split_lines(code);
  std::string prefix;
  bool first = true;
  for (const auto& l : lines) {
    if (blank(l)) continue;
    std::string own = l.substr(0, indent_of(l));
    if (first) {
      prefix = own;
      first = false;
    } else {
      size_t n = 0;
      while (n < prefix.size() && n < own.size() && prefix[n] == own[n]) ++n;
      prefix.resize(n);
    }
  }
  for (auto& l : lines) l = blank(l) ? "" : l.substr(prefix.size());
  return join_lines(lines, 0, lines.size());
}

std::string indent_lines(std::string_view code, std::string_view indent) {
  auto lines = split_lines(code);
  for (auto& l : lines)
    if (!blank(l)) l = std::string(indent) + l;
    else l.clear();
  return join_lines(lines, 0, lines.size());
}

ExtractedBody extract_function_body(std::string_view answer, std::string_view function_name, std::string_view indent) {
  ExtractedBody out;
  std::string code = extract_code(answer);
  auto lines = split_lines(code);
  std::string body_text = code;
  if (!function_name.empty()) {
    std::regex def_re("^([ \t]*)(async[ \t]+)?def[ \t]+" + std::string(function_name) + "[ \t]*\\(");
    for (size_t i = 0; i < lines.size(); ++i) {
      std::smatch m;
      if (!std::regex_search(lines[i], m, def_re)) continue;
      size_t def_indent = m[1].length();
      std::vector<std::string> kept;
      // Imports the answer put above the def become function-local imports.
      for (size_t k = 0; k < i; ++k) {
        std::string_view t = std::string_view(lines[k]).substr(indent_of(lines[k]));
        if (indent_of(lines[k]) == def_indent && (t.rfind("import ", 0) == 0 || t.rfind("from ", 0) == 0))
          kept.push_back(std::string(t));
      }
      auto [sig_line, sig_col] = end_of_signature(lines, i);
      if (sig_line >= lines.size()) break;  // not a complete def: treat the answer as a body
      std::string rest = lines[sig_line].substr(sig_col);
      std::vector<std::string> body;
      if (!blank(rest) && rest.find_first_not_of(" \t") != std::string::npos && rest[rest.find_first_not_of(" \t")] != '#')
        body.push_back(rest.substr(rest.find_first_not_of(" \t")));  // `def f(x): return x`
      for (size_t k = sig_line + 1; k < lines.size(); ++k) {
        if (!blank(lines[k]) && indent_of(lines[k]) <= def_indent) break;
        body.push_back(lines[k]);
      }
      std::string dedented = dedent(join_lines(body, 0, body.size()));
      std::string imports = join_lines(kept, 0, kept.size());
      body_text = imports.empty() ? dedented : imports + "\n" + dedented;
      break;
    }
  }
  std::string trimmed = trim_blank_lines(split_lines(dedent(body_text)));
  if (trimmed.empty()) {
    out.error = "the answer holds no code";
    return out;
  }
  out.body = indent_lines(trimmed, indent);
  return out;
}

}  // namespace restack::llm
