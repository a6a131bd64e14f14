#include "spec/yaml_tree.h"

#include <charconv>
#include <cmath>

#include "spec/names.h"

namespace restack::spec::yaml {

// ---------------------------------------------------------------- Node

const Node* Node::get(std::string_view key) const {
  for (const auto& [k, v] : entries())
    if (k->kind == Kind::kScalar && same_name(k->value, key)) return v;
  return nullptr;
}

const char* Node::kind_name() const {
  switch (kind) {
    case Kind::kNull: return "null";
    case Kind::kSequence: return "a list";
    case Kind::kMapping: return "a mapping";
    case Kind::kScalar: break;
  }
  if (!plain) return "a string";
  if (is_null_text(value)) return "null";
  if (as_bool(*this)) return "a boolean";
  if (as_number(*this)) return "a number";
  return "a string";
}

namespace {

// Whether plain scalar S can be a core-schema int or float at all: each begins with a digit,
// a sign or a dot (.5, .inf, .nan). Most scalars of a spec are names and references, which
// this turns away before any parsing.
bool may_be_number(std::string_view s) {
  if (s.empty()) return false;
  char c = s[0];
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.';
}

}  // namespace

std::optional<bool> as_bool(const Node& n) {
  if (n.kind != Node::Kind::kScalar || !n.plain) return std::nullopt;
  std::string_view s = n.value;
  if (s.size() != 4 && s.size() != 5) return std::nullopt;  // the lengths of true and false
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  return std::nullopt;
}

std::optional<int64_t> as_int(const Node& n) {
  if (n.kind != Node::Kind::kScalar || !n.plain || !may_be_number(n.value)) return std::nullopt;
  std::string_view s = n.value;
  bool negative = false;
  if (s[0] == '+' || s[0] == '-') {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  int base = 10;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o')) {
    base = s[1] == 'x' ? 16 : 8;
    s.remove_prefix(2);
  }
  if (s.empty()) return std::nullopt;
  uint64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v, base);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  if (v > static_cast<uint64_t>(INT64_MAX)) return std::nullopt;
  return negative ? -static_cast<int64_t>(v) : static_cast<int64_t>(v);
}

std::optional<double> as_number(const Node& n) {
  if (n.kind != Node::Kind::kScalar || !n.plain || !may_be_number(n.value)) return std::nullopt;
  if (auto i = as_int(n)) return static_cast<double>(*i);
  std::string_view s = n.value;
  if (s == ".inf" || s == ".Inf" || s == ".INF" || s == "+.inf") return INFINITY;
  if (s == "-.inf" || s == "-.Inf" || s == "-.INF") return -INFINITY;
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return NAN;
  // YAML 1.2 core float: [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
  size_t i = 0;
  if (s[i] == '+' || s[i] == '-') ++i;
  size_t digits = 0;
  while (i < s.size() && isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  }
  if (digits == 0) return std::nullopt;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t exp_digits = 0;
    while (i < s.size() && isdigit(static_cast<unsigned char>(s[i]))) ++i, ++exp_digits;
    if (exp_digits == 0) return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  // from_chars rounds as strtod does, without the NUL-terminated copy strtod needs; it takes
  // no `+` and leaves a value out of double's range to strtod (which gives inf or 0 for it).
  std::string_view unsigned_text = s[0] == '+' ? s.substr(1) : s;
  const char* last = unsigned_text.data() + unsigned_text.size();
  double d = 0;
  auto [end, ec] = std::from_chars(unsigned_text.data(), last, d);
  if (ec == std::errc() && end == last) return d;
  return std::strtod(std::string(s).c_str(), nullptr);  // a view is not NUL-terminated
}

nlohmann::json Node::to_json() const {
  switch (kind) {
    case Kind::kNull: return nullptr;
    case Kind::kSequence: {
      auto a = nlohmann::json::array();
      for (const Node* item : items()) a.push_back(item->to_json());
      return a;
    }
    case Kind::kMapping: {
      auto o = nlohmann::json::object();
      for (const auto& [k, v] : entries())
        if (!o.contains(k->value)) o[std::string(k->value)] = v->to_json();
      return o;
    }
    case Kind::kScalar: break;
  }
  if (!plain) return std::string(value);
  if (is_null_text(value)) return nullptr;
  if (auto b = as_bool(*this)) return *b;
  if (auto i = as_int(*this)) return *i;
  if (auto d = as_number(*this)) {
    if (std::isfinite(*d)) return *d;
    return std::string(value);  // JSON has no inf/nan: keep the text
  }
  return std::string(value);
}

}  // namespace restack::spec::yaml
