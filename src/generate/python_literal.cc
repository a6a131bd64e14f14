#include "generate/python_literal.h"

#include <fmt/format.h>

#include <cmath>

namespace restack::generate {

namespace {

/// TEXT's characters appended to OUT as the body of a string literal quoted with QUOTE.
void append_escaped(std::string& out, std::string_view text, char quote) {
  for (unsigned char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c == static_cast<unsigned char>(quote)) {
          out += '\\';
          out += static_cast<char>(c);
        } else if (c < 0x20 || c == 0x7f) {
          out += fmt::format("\\x{:02x}", c);
        } else {
          out += static_cast<char>(c);
        }
    }
  }
}

}  // namespace

std::string python_string(std::string_view text) {
  size_t doubles = 0, singles = 0;
  bool needs_escape = false;  // a backslash or a control character
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"') ++doubles;
    else if (c == '\'') ++singles;
    else if (c == '\\' || u < 0x20 || u == 0x7f) needs_escape = true;
  }
  // black keeps double quotes unless switching to single quotes means fewer escapes.
  const char quote = doubles > singles ? '\'' : '"';
  const size_t quotes_inside = quote == '"' ? doubles : singles;
  std::string out;
  out.reserve(text.size() + 2 + quotes_inside + (needs_escape ? 8 : 0));
  out += quote;
  // Most texts (messages, names) have nothing to escape: copied at once.
  if (!needs_escape && quotes_inside == 0) out += text;
  else append_escaped(out, text, quote);
  out += quote;
  return out;
}

std::string python_float(double value) {
  if (std::isnan(value)) return "float(\"nan\")";
  if (std::isinf(value)) return value > 0 ? "float(\"inf\")" : "-float(\"inf\")";
  // Python's repr: shortest round-trip digits, exponent form when exp < -4 or exp >= 16.
  std::string shortest = fmt::format("{}", value);  // fmt 9: shortest round trip
  // fmt prints 1e+16 as "1e+16" and 0.0001 as "0.0001" like Python; it prints 2.0 as "2".
  bool has_exp = shortest.find('e') != std::string::npos;
  double mag = std::fabs(value);
  if (!has_exp && mag != 0 && (mag >= 1e16 || mag < 1e-4)) {
    // fmt chose fixed notation where Python uses an exponent: rebuild from the shortest digits.
    shortest = fmt::format("{:.17g}", value);
    for (int precision = 1; precision <= 17; ++precision) {
      std::string candidate = fmt::format("{:.{}e}", value, precision - 1);
      if (std::stod(candidate) == value) {
        shortest = candidate;
        break;
      }
    }
    // Python: mantissa without trailing zeros, exponent at least two digits.
    auto e = shortest.find('e');
    std::string mant = shortest.substr(0, e), exp = shortest.substr(e + 1);
    if (mant.find('.') != std::string::npos) {
      while (mant.back() == '0') mant.pop_back();
      if (mant.back() == '.') mant.pop_back();
    }
    char sign = exp[0];
    std::string num = exp.substr(1);
    while (num.size() > 2 && num[0] == '0') num.erase(0, 1);
    shortest = mant + "e" + sign + num;
    has_exp = true;
  }
  if (!has_exp && shortest.find('.') == std::string::npos) shortest += ".0";
  return shortest;
}

std::string python_literal(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null: return "None";
    case nlohmann::json::value_t::boolean: return value.get<bool>() ? "True" : "False";
    case nlohmann::json::value_t::number_integer: return std::to_string(value.get<int64_t>());
    case nlohmann::json::value_t::number_unsigned: return std::to_string(value.get<uint64_t>());
    case nlohmann::json::value_t::number_float: return python_float(value.get<double>());
    case nlohmann::json::value_t::string: return python_string(value.get<std::string>());
    case nlohmann::json::value_t::array: {
      std::string out = "[";
      for (size_t i = 0; i < value.size(); ++i) {
        if (i) out += ", ";
        out += python_literal(value[i]);
      }
      return out + "]";
    }
    case nlohmann::json::value_t::object: {
      std::string out = "{";
      bool first = true;
      for (const auto& [k, v] : value.items()) {
        if (!first) out += ", ";
        first = false;
        out += python_string(k) + ": " + python_literal(v);
      }
      return out + "}";
    }
    default: return "None";
  }
}

namespace {
/// Whether TEXT is already on one line with single spaces between words and no control
/// characters (nor, for a docstring, a backslash or double quote): then one_line and
/// docstring_text return it as is, and most descriptions are like that.
bool already_one_line(std::string_view text, bool docstring) {
  bool after_space = true;  // a leading space is collapsed away too
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == ' ') {
      if (after_space) return false;
      after_space = true;
      continue;
    }
    if (u < 0x20 || (docstring && (c == '\\' || c == '"'))) return false;
    after_space = false;
  }
  return text.empty() || !after_space;  // no trailing space
}
}  // namespace

std::string docstring_text(std::string_view description) {
  if (already_one_line(description, true)) return std::string(description);
  std::string collapsed;
  bool space = false;
  for (char c : description) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !collapsed.empty();
      continue;
    }
    if (space) collapsed += ' ';
    space = false;
    if (c == '\\') {
      collapsed += "\\\\";
    } else if (c == '"') {
      collapsed += "\\\"";
    } else if (static_cast<unsigned char>(c) < 0x20) {
      continue;
    } else {
      collapsed += c;
    }
  }
  return collapsed;
}

std::string one_line(std::string_view text) {
  if (already_one_line(text, false)) return std::string(text);
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (static_cast<unsigned char>(c) < 0x20) continue;
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

namespace {
/// indent_rest's text appended to OUT: whole runs between line breaks copied at once.
void append_indented_rest(std::string& out, std::string_view text, size_t n) {
  size_t start = 0;
  for (size_t nl = text.find('\n'); nl != std::string_view::npos; nl = text.find('\n', start)) {
    out.append(text, start, nl + 1 - start);
    start = nl + 1;
    if (start < text.size() && text[start] != '\n') out.append(n, ' ');
  }
  out.append(text, start, std::string_view::npos);
}
}  // namespace

std::string indent_rest(std::string_view text, size_t n) {
  std::string out;
  out.reserve(text.size() + 16);
  append_indented_rest(out, text, n);
  return out;
}

std::string flat_call(std::string_view callee, const std::vector<Arg>& args) {
  size_t size = callee.size() + 2;
  for (const auto& a : args) size += a.key.size() + a.value.size() + 3;
  std::string flat;
  flat.reserve(size);
  flat += callee;
  flat += '(';
  for (size_t i = 0; i < args.size(); ++i) {
    if (i) flat += ", ";
    if (!args[i].key.empty()) {
      flat += args[i].key;
      flat += '=';
    }
    flat += args[i].value;
  }
  flat += ')';
  return flat;
}

namespace {

/// Positions of the last top-level bracket pair of EXPR (skipping string literals), and the
/// top-level commas inside it. Returns false when there is none or brackets do not match.
struct Split {
  size_t open = 0, close = 0;
  std::vector<size_t> commas;
};

/// Calls F(index, char) for every character outside string literals.
template <typename F>
void scan_code(std::string_view e, size_t from, size_t to, F&& f) {
  for (size_t i = from; i < to; ++i) {
    char c = e[i];
    if (c == '"' || c == '\'') {
      for (++i; i < to && e[i] != c; ++i)
        if (e[i] == '\\') ++i;
      continue;
    }
    f(i, c);
  }
}

bool last_bracket(std::string_view e, Split& out) {
  int depth = 0;
  bool found = false, balanced = true;
  scan_code(e, 0, e.size(), [&](size_t i, char c) {
    if (c == '(' || c == '[' || c == '{') {
      if (depth++ == 0) out.open = i;
    } else if (c == ')' || c == ']' || c == '}') {
      if (--depth == 0) {
        out.close = i;
        found = true;
      }
      if (depth < 0) balanced = false;
    }
  });
  if (!found || !balanced || depth != 0) return false;
  depth = 0;
  scan_code(e, out.open + 1, out.close, [&](size_t i, char c) {
    if (c == '(' || c == '[' || c == '{') ++depth;
    else if (c == ')' || c == ']' || c == '}') --depth;
    else if (c == ',' && depth == 0) out.commas.push_back(i);
  });
  return true;
}

std::string_view trim(std::string_view s) {
  size_t b = s.find_first_not_of(' '), e = s.find_last_not_of(' ');
  if (b == std::string_view::npos) return {};
  return s.substr(b, e - b + 1);
}

void append_fit(std::string& out, std::string_view expr, size_t base, size_t used, size_t indent_rest);

/// EXPR exploded at its last top-level bracket pair (SPLIT), appended to OUT with INDENT_REST
/// spaces before each of its lines but the first.
void append_exploded(std::string& out, std::string_view expr, const Split& split, size_t base, size_t indent_rest) {
  const std::string pad(indent_rest, ' ');
  out.append(expr.substr(0, split.open + 1));
  out += '\n';
  auto item = [&](std::string_view text) {
    out += pad;
    out += "    ";
    append_fit(out, text, base + 4, base + 4 + 1, indent_rest + 4);
    out += ",\n";
  };
  size_t start = split.open + 1;
  for (size_t c : split.commas) {
    item(trim(expr.substr(start, c - start)));
    start = c + 1;
  }
  if (std::string_view last = trim(expr.substr(start, split.close - start)); !last.empty()) item(last);
  out += pad;
  append_indented_rest(out, expr.substr(split.close), indent_rest);
}

/// fit(EXPR, BASE, USED) appended to OUT, with INDENT_REST spaces before each of its lines but
/// the first: what append_indented_rest(OUT, fit(...), INDENT_REST) gives, without the copies
/// (step calls fit some 60,000 arguments for a large project).
void append_fit(std::string& out, std::string_view expr, size_t base, size_t used, size_t indent_rest) {
  Split split;
  if (used + expr.size() <= kLineLength || expr.find('\n') != std::string_view::npos || !last_bracket(expr, split) ||
      split.close == split.open + 1) {
    append_indented_rest(out, expr, indent_rest);
    return;
  }
  append_exploded(out, expr, split, base, indent_rest);
}

}  // namespace

std::string fit(std::string_view expr, size_t base, size_t used) {
  std::string out;
  out.reserve(expr.size() + 16);
  append_fit(out, expr, base, used, 0);
  return out;
}

std::string call_expr(std::string_view callee, const std::vector<Arg>& args, size_t base, size_t used,
                      bool force_explode) {
  if (args.empty()) return std::string(callee) + "()";
  if (!force_explode) return fit(flat_call(callee, args), base, used);
  size_t size = callee.size() + 3;
  for (const auto& a : args) size += a.key.size() + a.value.size() + 8;
  std::string out;
  out.reserve(size);
  out += callee;
  out += "(\n";
  for (const auto& a : args) append_call_arg(out, a.key, a.value, base);
  out += ')';
  return out;
}

void append_call_arg(std::string& out, std::string_view key, std::string_view value, size_t base) {
  out += "    ";
  size_t key_size = 0;
  if (!key.empty()) {
    out += key;
    out += '=';
    key_size = key.size() + 1;
  }
  append_fit(out, value, base + 4, base + 4 + key_size + 1, 4);
  out += ",\n";
}

}  // namespace restack::generate
