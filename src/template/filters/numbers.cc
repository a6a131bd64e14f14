// Number filters: abs, int, float, round, filesizeformat.
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "template/filters/helpers.h"
#include "template/string_ops.h"

namespace restack::tmpl {

namespace {

using filters::int_arg;

/// Python's float(str): optional whitespace, sign, digits with single underscores, inf/nan.
bool parse_float(const std::string& text, double& out) {
  std::string s = strops::strip(text, true, true);
  if (s.empty()) return false;
  std::string clean;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '_') {
      if (i == 0 || i + 1 >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i - 1])) ||
          !std::isdigit(static_cast<unsigned char>(s[i + 1])))
        return false;
      continue;
    }
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-' ||
          std::isalpha(static_cast<unsigned char>(c))))
      return false;
    clean += c;
  }
  std::string lower = clean;
  for (auto& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
  std::string body = (lower[0] == '+' || lower[0] == '-') ? lower.substr(1) : lower;
  if (body == "inf" || body == "infinity") {
    out = lower[0] == '-' ? -HUGE_VAL : HUGE_VAL;
    return true;
  }
  if (body == "nan") {
    out = std::nan("");
    return true;
  }
  for (char c : body)
    if (std::isalpha(static_cast<unsigned char>(c)) && c != 'e') return false;
  char* end = nullptr;
  out = std::strtod(clean.c_str(), &end);
  return end && *end == '\0' && end != clean.c_str();
}

/// Python's int(str, base).
bool parse_int(const std::string& text, int base, int64_t& out) {
  std::string s = strops::strip(text, true, true);
  if (s.empty()) return false;
  bool neg = false;
  size_t i = 0;
  if (s[0] == '+' || s[0] == '-') neg = s[0] == '-', i = 1;
  if (base == 16 && s.compare(i, 2, "0x") == 0) i += 2;
  else if (base == 8 && s.compare(i, 2, "0o") == 0) i += 2;
  else if (base == 2 && s.compare(i, 2, "0b") == 0) i += 2;
  if (i >= s.size()) return false;
  __int128 v = 0;
  bool prev_digit = false;
  for (; i < s.size(); ++i) {
    char c = char(std::tolower(static_cast<unsigned char>(s[i])));
    if (c == '_') {
      if (!prev_digit || i + 1 >= s.size()) return false;
      prev_digit = false;
      continue;
    }
    int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (c >= 'a' && c <= 'z') ? c - 'a' + 10 : 99;
    if (d >= base) return false;
    v = v * base + d;
    if (v > (__int128)INT64_MAX + 1) return false;
    prev_digit = true;
  }
  if (neg) v = -v;
  if (v > INT64_MAX) return false;
  out = int64_t(v);
  return true;
}

int64_t float_to_int(double d) {
  if (std::isnan(d)) raise_error("cannot convert float NaN to integer");
  if (std::isinf(d)) raise_error("cannot convert float infinity to integer");
  if (std::fabs(d) >= 9.2e18) raise_error("integer too large");
  return int64_t(d);
}

Value do_int(Renderer&, const Value& v, CallArgs& a) {
  auto x = bind_args("int", a, {"default", "base"});
  Value dflt = x[0].is_undefined() ? Value(int64_t(0)) : x[0];
  int base = x[1].is_undefined() ? 10 : int(int_arg(x[1], "base"));
  if (v.is_int() || v.is_bool()) return Value(v.as_int());
  if (v.is_float()) return Value(float_to_int(v.as_double()));
  if (v.is_string()) {
    int64_t i;
    if (base >= 2 && base <= 36 && parse_int(v.as_string(), base, i)) return Value(i);
    double d;
    if (parse_float(v.as_string(), d)) {
      if (std::isnan(d)) return dflt;
      return Value(float_to_int(d));
    }
  }
  return dflt;
}

Value do_float(Renderer&, const Value& v, CallArgs& a) {
  auto x = bind_args("float", a, {"default"});
  Value dflt = x[0].is_undefined() ? Value(0.0) : x[0];
  if (v.is_number()) return Value(v.as_double());
  double d;
  if (v.is_string() && parse_float(v.as_string(), d)) return Value(d);
  return dflt;
}

/// Python's round(x, n) for floats: correctly rounded, ties to even on the exact binary value.
double py_round(double x, int64_t n) {
  if (!std::isfinite(x)) return x;
  if (n > 300) return x;
  if (n >= 0) {
    char buf[400];
    std::snprintf(buf, sizeof buf, "%.*f", int(n), x);
    return std::strtod(buf, nullptr);
  }
  double p = std::pow(10.0, double(-n));
  double y = x / p;
  double r = std::nearbyint(y);
  if (std::fabs(y - std::trunc(y)) == 0.5) r = 2.0 * std::nearbyint(y / 2.0);
  return r * p;
}

Value do_round(Renderer&, const Value& v, CallArgs& a) {
  auto x = bind_args("round", a, {"precision", "method"});
  int64_t precision = x[0].is_undefined() ? 0 : int_arg(x[0], "precision");
  std::string method = x[1].is_undefined() ? "common" : to_str(x[1]);
  if (method != "common" && method != "ceil" && method != "floor") raise_error("method must be common, ceil or floor");
  if (!v.is_number()) raise_error("type " + type_name(v) + " doesn't define __round__ method");
  if (method == "common") {
    if (v.is_int() || v.is_bool()) {
      if (precision >= 0) return Value(v.as_int());
      double p = std::pow(10.0, double(-precision));
      return Value(int64_t(py_round(double(v.as_int()), precision) + (p > 0 ? 0 : 0)));
    }
    return Value(py_round(v.as_double(), precision));
  }
  double p = std::pow(10.0, double(precision));
  double scaled = v.as_double() * p;
  double r = method == "ceil" ? std::ceil(scaled) : std::floor(scaled);
  return Value(r / p);
}

Value do_filesizeformat(Renderer&, const Value& v, CallArgs& a) {
  auto x = bind_args("filesizeformat", a, {"binary"});
  bool binary = x[0].truthy();
  double bytes;
  if (v.is_number()) bytes = v.as_double();
  else if (!(v.is_string() && parse_float(v.as_string(), bytes))) raise_error("could not convert " + type_name(v) + " to float");
  double base = binary ? 1024 : 1000;
  static const char* kBinary[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};
  static const char* kDecimal[] = {"kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
  if (bytes == 1) return Value("1 Byte");
  if (bytes < base) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%lld Bytes", (long long)bytes);
    return Value(std::string(buf));
  }
  double unit = base;
  const char* prefix = "";
  for (int i = 0; i < 8; ++i) {
    unit = std::pow(base, i + 2);
    prefix = binary ? kBinary[i] : kDecimal[i];
    if (bytes < unit) break;
  }
  char buf[400];
  std::snprintf(buf, sizeof buf, "%.1f %s", base * bytes / unit, prefix);
  return Value(std::string(buf));
}

}  // namespace

void register_number_filters(Registry& reg) {
  reg.add_filter("abs", [](Renderer&, const Value& v, CallArgs& a) {
    bind_args("abs", a, {});
    if (v.is_float()) return Value(std::fabs(v.as_double()));
    if (v.is_int() || v.is_bool()) {
      int64_t i = v.as_int();
      if (i == INT64_MIN) return Value(-double(i));
      return Value(i < 0 ? -i : i);
    }
    raise_error("bad operand type for abs(): '" + type_name(v) + "'");
  });
  reg.add_filter("int", do_int);
  reg.add_filter("float", do_float);
  reg.add_filter("round", do_round);
  reg.add_filter("filesizeformat", do_filesizeformat);
}

}  // namespace restack::tmpl
