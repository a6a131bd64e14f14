#include "template/operators.h"

#include <cmath>
#include <limits>

#include "template/errors.h"
#include "template/format.h"

namespace restack::tmpl {

namespace {

const char* op_symbol(BinaryOp op) {
  switch (op) {
    case BinaryOp::kAdd: return "+";
    case BinaryOp::kSub: return "-";
    case BinaryOp::kMul: return "*";
    case BinaryOp::kDiv: return "/";
    case BinaryOp::kFloorDiv: return "//";
    case BinaryOp::kMod: return "%";
    case BinaryOp::kPow: return "** or pow()";
    default: return "?";
  }
}

[[noreturn]] void unsupported(BinaryOp op, const Value& a, const Value& b) {
  raise_error(std::string("unsupported operand type(s) for ") + op_symbol(op) + ": '" + type_name(a) + "' and '" +
              type_name(b) + "'");
}

bool is_intlike(const Value& v) { return v.is_int() || v.is_bool(); }

Value repeat(const Value& seq, int64_t n, size_t max_bytes) {
  if (n < 0) n = 0;
  if (seq.is_string()) {
    const std::string& s = seq.as_string();
    if (!s.empty() && uint64_t(n) > max_bytes / s.size()) raise_error("string repetition result too large", kLimitErrorCode);
    std::string out;
    out.reserve(s.size() * size_t(n));
    for (int64_t i = 0; i < n; ++i) out += s;
    return Value(std::move(out));
  }
  const auto& items = seq.as_list().items;
  if (!items.empty() && uint64_t(n) > (max_bytes / 16) / items.size()) raise_error("sequence repetition result too large", kLimitErrorCode);
  std::vector<Value> out;
  out.reserve(items.size() * size_t(n));
  for (int64_t i = 0; i < n; ++i) out.insert(out.end(), items.begin(), items.end());
  return seq.is_tuple() ? Value::tuple(std::move(out)) : Value::list(std::move(out));
}

double py_fmod(double a, double b) {
  double m = std::fmod(a, b);
  if (m != 0 && ((b < 0) != (m < 0))) m += b;
  if (m == 0) m = std::copysign(0.0, b);
  return m;
}

Value int_pow(int64_t base, int64_t exp) {
  int64_t result = 1;
  int64_t b = base;
  bool overflow = false;
  for (int64_t e = exp; e > 0; e >>= 1) {
    if (e & 1) overflow = overflow || __builtin_mul_overflow(result, b, &result);
    if (e > 1) overflow = overflow || __builtin_mul_overflow(b, b, &b);
    if (overflow) break;
  }
  if (overflow) return Value(std::pow(double(base), double(exp)));
  return Value(result);
}

/// Python gives a complex number for a negative base and a fractional exponent. Templates have
/// no complex type, so the result is its printed form (what a template would output).
Value complex_pow_text(double x, double y) {
  double len = std::pow(std::fabs(x), y);
  double phase = std::atan2(0.0, x) * y;
  double re = len * std::cos(phase), im = len * std::sin(phase);
  auto part = [](double d) {
    std::string s = float_repr(d);
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
    return s;
  };
  std::string out = "(" + part(re) + (std::signbit(im) ? "" : "+") + part(im) + "j)";
  return Value(out);
}

}  // namespace

void raise_undefined(const Value& v) {
  const UndefinedInfo* info = v.undefined_info();
  raise_error(info ? info->message : "value is undefined");
}

Value binary_op(BinaryOp op, const Value& a, const Value& b, size_t max_bytes) {
  if (a.is_undefined()) raise_undefined(a);
  if (b.is_undefined()) raise_undefined(b);
  bool nums = a.is_number() && b.is_number();
  bool floats = nums && (a.is_float() || b.is_float());
  switch (op) {
    case BinaryOp::kAdd:
      if (nums) {
        if (floats) return Value(a.as_double() + b.as_double());
        int64_t r;
        if (__builtin_add_overflow(a.as_int(), b.as_int(), &r)) return Value(double(a.as_int()) + double(b.as_int()));
        return Value(r);
      }
      if (a.is_string()) {
        if (!b.is_string()) raise_error("can only concatenate str (not \"" + type_name(b) + "\") to str");
        if (a.as_string().size() + b.as_string().size() > max_bytes) raise_error("string too large", kLimitErrorCode);
        return Value(a.as_string() + b.as_string());
      }
      if (a.is_list() || a.is_tuple()) {
        if (b.kind() != a.kind() || (a.is_list() && b.as_list().flavor != ListFlavor::kPlain) ||
            (a.is_list() && a.as_list().flavor != ListFlavor::kPlain)) {
          if (a.is_list() && a.as_list().flavor != ListFlavor::kPlain) unsupported(op, a, b);
          raise_error("can only concatenate " + type_name(a) + " (not \"" + type_name(b) + "\") to " + type_name(a));
        }
        std::vector<Value> items = a.as_list().items;
        items.insert(items.end(), b.as_list().items.begin(), b.as_list().items.end());
        return a.is_tuple() ? Value::tuple(std::move(items)) : Value::list(std::move(items));
      }
      unsupported(op, a, b);
    case BinaryOp::kSub:
      if (!nums) unsupported(op, a, b);
      if (floats) return Value(a.as_double() - b.as_double());
      {
        int64_t r;
        if (__builtin_sub_overflow(a.as_int(), b.as_int(), &r)) return Value(double(a.as_int()) - double(b.as_int()));
        return Value(r);
      }
    case BinaryOp::kMul:
      if (nums) {
        if (floats) return Value(a.as_double() * b.as_double());
        int64_t r;
        if (__builtin_mul_overflow(a.as_int(), b.as_int(), &r)) return Value(double(a.as_int()) * double(b.as_int()));
        return Value(r);
      }
      if ((a.is_string() || a.is_list() || a.is_tuple()) && b.is_number()) {
        if (!is_intlike(b)) raise_error("can't multiply sequence by non-int of type '" + type_name(b) + "'");
        return repeat(a, b.as_int(), max_bytes);
      }
      if ((b.is_string() || b.is_list() || b.is_tuple()) && a.is_number()) {
        if (!is_intlike(a)) raise_error("can't multiply sequence by non-int of type '" + type_name(a) + "'");
        return repeat(b, a.as_int(), max_bytes);
      }
      unsupported(op, a, b);
    case BinaryOp::kDiv:
      if (!nums) unsupported(op, a, b);
      if (b.as_double() == 0) raise_error(floats ? "float division by zero" : "division by zero");
      return Value(a.as_double() / b.as_double());
    case BinaryOp::kFloorDiv:
      if (!nums) unsupported(op, a, b);
      if (floats) {
        if (b.as_double() == 0) raise_error("float floor division by zero");
        double x = a.as_double(), y = b.as_double();
        double mod = std::fmod(x, y);
        double div = (x - mod) / y;
        if (mod != 0) {
          if ((y < 0) != (mod < 0)) div -= 1.0;
        }
        double fl;
        if (div != 0) {
          fl = std::floor(div);
          if (div - fl > 0.5) fl += 1.0;
        } else {
          fl = std::copysign(0.0, x / y);
        }
        return Value(fl);
      } else {
        int64_t x = a.as_int(), y = b.as_int();
        if (y == 0) raise_error("integer division or modulo by zero");
        if (x == std::numeric_limits<int64_t>::min() && y == -1) return Value(-double(x));
        int64_t q = x / y;
        if ((x % y != 0) && ((x < 0) != (y < 0))) --q;
        return Value(q);
      }
    case BinaryOp::kMod:
      if (a.is_string()) return Value(percent_format(a.as_string(), b, max_bytes));
      if (!nums) unsupported(op, a, b);
      if (floats) {
        if (b.as_double() == 0) raise_error("float modulo");
        return Value(py_fmod(a.as_double(), b.as_double()));
      } else {
        int64_t x = a.as_int(), y = b.as_int();
        if (y == 0) raise_error("integer modulo by zero");
        if (y == -1) return Value(int64_t(0));
        int64_t m = x % y;
        if (m != 0 && ((m < 0) != (y < 0))) m += y;
        return Value(m);
      }
    case BinaryOp::kPow:
      if (!nums) unsupported(op, a, b);
      if (!floats && b.as_int() >= 0) return int_pow(a.as_int(), b.as_int());
      if (a.as_double() == 0 && b.as_double() < 0) raise_error("0.0 cannot be raised to a negative power");
      {
        double x = a.as_double(), y = b.as_double();
        if (x < 0 && y != std::floor(y) && std::isfinite(y)) return complex_pow_text(x, y);
        double r = std::pow(x, y);
        if (std::isinf(r) && std::isfinite(x) && std::isfinite(y)) raise_error("(34, 'Numerical result out of range')");
        return Value(r);
      }
    default: break;
  }
  unsupported(op, a, b);
}

Value unary_op(UnaryOp op, const Value& a) {
  if (op == UnaryOp::kNot) return Value(!a.truthy());
  if (a.is_undefined()) raise_undefined(a);
  if (!a.is_number()) raise_error(std::string("bad operand type for unary ") + (op == UnaryOp::kNeg ? "-" : "+") + ": '" + type_name(a) + "'");
  if (op == UnaryOp::kPos) return a.is_bool() ? Value(a.as_int()) : a;
  if (a.is_float()) return Value(-a.as_double());
  if (a.as_int() == std::numeric_limits<int64_t>::min()) return Value(-double(a.as_int()));
  return Value(-a.as_int());
}

bool contains(const Value& container, const Value& item) {
  switch (container.kind()) {
    case Kind::kString:
      if (!item.is_string()) raise_error("'in <string>' requires string as left operand, not " + type_name(item));
      return container.as_string().find(item.as_string()) != std::string::npos;
    case Kind::kList:
    case Kind::kTuple:
      for (const auto& v : container.as_list().items)
        if (equals(v, item)) return true;
      return false;
    case Kind::kDict: return container.as_dict().find(item) != nullptr;
    case Kind::kUndefined:
      if (container.undefined_info() && container.undefined_info()->strict) raise_undefined(container);
      return false;
    default: raise_error("argument of type '" + type_name(container) + "' is not iterable");
  }
}

bool compare_op(CompareOp op, const Value& a, const Value& b) {
  switch (op) {
    case CompareOp::kEq: return equals(a, b);
    case CompareOp::kNe: return !equals(a, b);
    case CompareOp::kIn: return contains(b, a);
    case CompareOp::kNotIn: return !contains(b, a);
    default: break;
  }
  if (a.is_number() && b.is_number() && (a.is_float() || b.is_float())) {
    double x = a.as_double(), y = b.as_double();
    switch (op) {
      case CompareOp::kLt: return x < y;
      case CompareOp::kLe: return x <= y;
      case CompareOp::kGt: return x > y;
      default: return x >= y;
    }
  }
  auto fail_order = [&](const char* sym) {
    if (a.is_undefined()) raise_undefined(a);
    if (b.is_undefined()) raise_undefined(b);
    raise_error(std::string("'") + sym + "' not supported between instances of '" + type_name(a) + "' and '" + type_name(b) + "'");
  };
  bool orderable = (a.is_number() && b.is_number()) || (a.is_string() && b.is_string()) ||
                   (a.is_list() && b.is_list()) || (a.is_tuple() && b.is_tuple());
  switch (op) {
    case CompareOp::kLt:
      if (!orderable) fail_order("<");
      return less_than(a, b);
    case CompareOp::kLe:
      if (!orderable) fail_order("<=");
      return !less_than(b, a);
    case CompareOp::kGt:
      if (!orderable) fail_order(">");
      return less_than(b, a);
    default:
      if (!orderable) fail_order(">=");
      return !less_than(a, b);
  }
}

}  // namespace restack::tmpl
