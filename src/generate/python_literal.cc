#include "generate/python_literal.h"

#include <fmt/format.h>

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>

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

void append_python_string(std::string& out, std::string_view text) {
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
  out.reserve(out.size() + text.size() + 2 + quotes_inside + (needs_escape ? 8 : 0));
  out += quote;
  // Most texts (messages, names) have nothing to escape: copied at once.
  if (!needs_escape && quotes_inside == 0) out += text;
  else append_escaped(out, text, quote);
  out += quote;
}

std::string python_string(std::string_view text) {
  std::string out;
  append_python_string(out, text);
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
/// The byte-by-byte check of already_one_line from AFTER_SPACE (whether the byte before TEXT was
/// a space), for the bytes that do not fill a word.
bool one_line_bytes(std::string_view text, bool docstring, bool after_space) {
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
  return true;
}

/// Whether TEXT is already on one line with single spaces between words and no control
/// characters (nor, for a docstring, a backslash or double quote): then one_line and
/// docstring_text return it as is, and most descriptions are like that. Eight bytes at a time
/// (some 35,000 descriptions for a large project): one_line_bytes does the same one byte at a time.
bool already_one_line(std::string_view text, bool docstring) {
  if (text.empty()) return true;
  if (text.front() == ' ' || text.back() == ' ') return false;  // leading and trailing spaces are trimmed
  if constexpr (std::endian::native != std::endian::little) return one_line_bytes(text, docstring, true);
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull, kLow7 = 0x7f7f7f7f7f7f7f7full;
  // A nonzero result when some byte of X is zero (the first such byte's flag is exact).
  auto has_zero = [](uint64_t x) { return (x - kOnes) & ~x & kHigh; };
  size_t i = 0;
  bool after_space = false;  // text.front() is no space
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t x;
    std::memcpy(&x, text.data() + i, 8);
    // Bytes below 0x20 (UTF-8's bytes from 0x80 up have their high bit set and are not counted).
    if ((x - 0x20 * kOnes) & ~x & kHigh) return false;
    if (docstring && (has_zero(x ^ ('"' * kOnes)) || has_zero(x ^ ('\\' * kOnes)))) return false;
    // Spaces exactly: 0x80 in each byte that is a space.
    const uint64_t v = x ^ (' ' * kOnes);
    const uint64_t spaces = ~(((v & kLow7) + kLow7) | v | kLow7);
    if (spaces & (spaces >> 8)) return false;   // two spaces side by side in this word (little endian)
    if (after_space && (spaces & 0x80)) return false;  // the previous word ended with one
    after_space = (spaces >> 63) != 0;
  }
  return one_line_bytes(text.substr(i), docstring, after_space);
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
/// top-level commas inside it.
struct Split {
  static constexpr size_t kInline = 16;
  size_t open = 0, close = 0;
  /// The commas: a call's few arguments kept on the stack, more in a vector.
  size_t count = 0;
  size_t inline_commas[kInline];
  std::vector<size_t> more;

  void clear_commas() {
    count = 0;
    more.clear();
  }
  void add_comma(size_t i) {
    if (count < kInline) inline_commas[count] = i;
    else more.push_back(i);
    ++count;
  }
  size_t comma(size_t k) const { return k < kInline ? inline_commas[k] : more[k - kInline]; }
};

/// What each character is to last_bracket: most are nothing, looked up in one table.
enum CharClass : unsigned char { kPlain, kOpen, kClose, kQuote, kComma };
constexpr std::array<unsigned char, 256> kCharClass = [] {
  std::array<unsigned char, 256> t{};
  t[static_cast<unsigned char>('(')] = t[static_cast<unsigned char>('[')] = t[static_cast<unsigned char>('{')] = kOpen;
  t[static_cast<unsigned char>(')')] = t[static_cast<unsigned char>(']')] = t[static_cast<unsigned char>('}')] = kClose;
  t[static_cast<unsigned char>('"')] = t[static_cast<unsigned char>('\'')] = kQuote;
  t[static_cast<unsigned char>(',')] = kComma;
  return t;
}();

/// Finds OUT's pair and commas in one pass (the commas at depth 1, forgotten whenever a new
/// top-level pair opens). Returns false when there is no pair or brackets do not match.
bool last_bracket(std::string_view e, Split& out) {
  int depth = 0;
  bool found = false, balanced = true;
  for (size_t i = 0; i < e.size(); ++i) {
    const char c = e[i];
    switch (kCharClass[static_cast<unsigned char>(c)]) {
      case kPlain: break;
      case kQuote:
        for (++i; i < e.size() && e[i] != c; ++i)
          if (e[i] == '\\') ++i;
        break;
      case kOpen:
        if (depth++ == 0) {
          out.open = i;
          out.clear_commas();
        }
        break;
      case kClose:
        if (--depth == 0) {
          out.close = i;
          found = true;
        }
        if (depth < 0) balanced = false;
        break;
      case kComma:
        if (depth == 1) out.add_comma(i);
        break;
    }
  }
  return found && balanced && depth == 0;
}

std::string_view trim(std::string_view s) {
  size_t b = s.find_first_not_of(' '), e = s.find_last_not_of(' ');
  if (b == std::string_view::npos) return {};
  return s.substr(b, e - b + 1);
}

void append_fit(std::string& out, std::string_view expr, size_t base, size_t used, size_t indent_rest);

/// One item of an exploded bracket pair: its line (INDENT_REST + 4 spaces, the item laid out for
/// a line at BASE + 4, a trailing comma).
void append_item(std::string& out, std::string_view text, size_t base, size_t indent_rest) {
  out.append(indent_rest + 4, ' ');
  append_fit(out, text, base + 4, base + 4 + 1, indent_rest + 4);
  out += ",\n";
}

/// EXPR exploded at its last top-level bracket pair (SPLIT), appended to OUT with INDENT_REST
/// spaces before each of its lines but the first.
void append_exploded(std::string& out, std::string_view expr, const Split& split, size_t base, size_t indent_rest) {
  out.append(expr.substr(0, split.open + 1));
  out += '\n';
  size_t start = split.open + 1;
  for (size_t k = 0; k < split.count; ++k) {
    const size_t c = split.comma(k);
    append_item(out, trim(expr.substr(start, c - start)), base, indent_rest);
    start = c + 1;
  }
  if (std::string_view last = trim(expr.substr(start, split.close - start)); !last.empty())
    append_item(out, last, base, indent_rest);
  out.append(indent_rest, ' ');
  append_indented_rest(out, expr.substr(split.close), indent_rest);
}

/// fit(EXPR, BASE, USED) appended to OUT, with INDENT_REST spaces before each of its lines but
/// the first: what append_indented_rest(OUT, fit(...), INDENT_REST) gives, without the copies
/// (step calls fit some 60,000 arguments for a large project).
void append_fit(std::string& out, std::string_view expr, size_t base, size_t used, size_t indent_rest) {
  if (used + expr.size() <= kLineLength) {
    append_indented_rest(out, expr, indent_rest);
    return;
  }
  Split split;
  if (expr.find('\n') != std::string_view::npos || !last_bracket(expr, split) || split.close == split.open + 1) {
    append_indented_rest(out, expr, indent_rest);
    return;
  }
  append_exploded(out, expr, split, base, indent_rest);
}

}  // namespace

std::string fit(std::string_view expr, size_t base, size_t used, size_t indent_rest) {
  std::string out;
  out.reserve(expr.size() + 16);
  append_fit(out, expr, base, used, indent_rest);
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
  append_call_arg(out, key, value, base, 0);
}

namespace {
/// The start of an argument line: INDENT + 4 spaces and `KEY=`; returns the columns `KEY=` takes.
size_t append_arg_start(std::string& out, std::string_view key, size_t indent) {
  out.append(indent + 4, ' ');
  if (key.empty()) return 0;
  out += key;
  out += '=';
  return key.size() + 1;
}
}  // namespace

void append_call_arg(std::string& out, std::string_view key, std::string_view value, size_t base, size_t indent) {
  const size_t key_size = append_arg_start(out, key, indent);
  append_fit(out, value, base + 4, base + 4 + key_size + 1, indent + 4);
  out += ",\n";
}

void FlatCall::start(std::string_view callee) {
  text_.clear();
  items_.clear();
  text_ += callee;
  open_ = text_.size();
  text_ += '(';
}

std::string& FlatCall::arg(std::string_view key) {
  if (!items_.empty()) {
    items_.back().second = text_.size();
    text_ += ", ";
  }
  items_.emplace_back(text_.size(), 0);
  if (!key.empty()) {
    text_ += key;
    text_ += '=';
  }
  return text_;
}

void FlatCall::finish() {
  if (!items_.empty()) items_.back().second = text_.size();
  text_ += ')';
}

void append_call_arg(std::string& out, std::string_view key, const FlatCall& call, size_t base, size_t indent) {
  // What append_fit finds by its scan: the last top-level pair is the call's own parentheses
  // (CALLEE has none and the text ends with its ')'), and the top-level commas inside are those
  // between the arguments (each value is one expression: its commas are inside brackets or
  // strings). The items are the arguments as written, with no spaces to trim.
  const size_t key_size = append_arg_start(out, key, indent);
  const std::string_view text = call.text_;
  const size_t call_base = base + 4;
  if (call_base + key_size + 1 + text.size() <= kLineLength || call.items_.empty() ||
      text.find('\n') != std::string_view::npos) {
    append_indented_rest(out, text, indent + 4);
  } else {
    out.append(text.substr(0, call.open_ + 1));
    out += '\n';
    for (const auto& [begin, end] : call.items_) append_item(out, text.substr(begin, end - begin), call_base, indent + 4);
    out.append(indent + 4, ' ');
    out += ')';
  }
  out += ",\n";
}

}  // namespace restack::generate
