// Jinja2's builtin tests: `x is defined`, `n is divisibleby 3`, `a is sameas b`...
#include <cmath>

#include "template/errors.h"
#include "template/objects.h"
#include "template/operators.h"
#include "template/registry.h"
#include "template/renderer.h"
#include "template/utf8.h"

namespace restack::tmpl {

namespace {

Value one_arg(const char* name, CallArgs& a, const char* param) { return bind_args(name, a, {param}, 1)[0]; }

void no_args(const char* name, CallArgs& a) { bind_args(name, a, {}); }

bool is_integer(const Value& v) { return v.is_int(); }

}  // namespace

void register_builtin_tests(Registry& reg) {
  reg.add_test("defined", [](Renderer&, const Value& v, CallArgs& a) { no_args("defined", a); return !v.is_undefined(); });
  reg.add_test("undefined", [](Renderer&, const Value& v, CallArgs& a) { no_args("undefined", a); return v.is_undefined(); });
  reg.add_test("none", [](Renderer&, const Value& v, CallArgs& a) { no_args("none", a); return v.is_none(); });
  reg.add_test("boolean", [](Renderer&, const Value& v, CallArgs& a) { no_args("boolean", a); return v.is_bool(); });
  reg.add_test("false", [](Renderer&, const Value& v, CallArgs& a) { no_args("false", a); return v.is_bool() && !v.as_bool(); });
  reg.add_test("true", [](Renderer&, const Value& v, CallArgs& a) { no_args("true", a); return v.is_bool() && v.as_bool(); });
  reg.add_test("integer", [](Renderer&, const Value& v, CallArgs& a) { no_args("integer", a); return is_integer(v); });
  reg.add_test("float", [](Renderer&, const Value& v, CallArgs& a) { no_args("float", a); return v.is_float(); });
  reg.add_test("number", [](Renderer&, const Value& v, CallArgs& a) { no_args("number", a); return v.is_number(); });
  reg.add_test("string", [](Renderer&, const Value& v, CallArgs& a) { no_args("string", a); return v.is_string(); });
  reg.add_test("mapping", [](Renderer&, const Value& v, CallArgs& a) { no_args("mapping", a); return v.is_dict(); });
  reg.add_test("sequence", [](Renderer&, const Value& v, CallArgs& a) {
    no_args("sequence", a);
    return v.is_string() || v.is_list() || v.is_tuple() || v.is_dict();
  });
  reg.add_test("iterable", [](Renderer&, const Value& v, CallArgs& a) {
    no_args("iterable", a);
    return v.is_string() || v.is_list() || v.is_tuple() || v.is_dict() || (v.is_object() && v.as_object()->iterable());
  });
  reg.add_test("callable", [](Renderer&, const Value& v, CallArgs& a) { no_args("callable", a); return is_callable(v); });
  reg.add_test("even", [](Renderer&, const Value& v, CallArgs& a) {
    no_args("even", a);
    if (v.is_float()) return std::fmod(v.as_double(), 2.0) == 0;
    if (!(v.is_int() || v.is_bool())) raise_error("unsupported operand type(s) for %: '" + type_name(v) + "' and 'int'");
    return v.as_int() % 2 == 0;
  });
  reg.add_test("odd", [](Renderer&, const Value& v, CallArgs& a) {
    no_args("odd", a);
    if (v.is_float()) return std::fabs(std::fmod(v.as_double(), 2.0)) == 1;
    if (!(v.is_int() || v.is_bool())) raise_error("unsupported operand type(s) for %: '" + type_name(v) + "' and 'int'");
    return v.as_int() % 2 != 0;
  });
  reg.add_test("divisibleby", [](Renderer& r, const Value& v, CallArgs& a) {
    Value n = one_arg("divisibleby", a, "num");
    return equals(binary_op(BinaryOp::kMod, v, n, r.max_bytes()), Value(int64_t(0)));
  });
  auto cmp = [](CompareOp op, const char* name) {
    return [op, name](Renderer&, const Value& v, CallArgs& a) { return compare_op(op, v, one_arg(name, a, "other")); };
  };
  reg.add_test("eq", cmp(CompareOp::kEq, "eq"));
  reg.add_test("equalto", cmp(CompareOp::kEq, "equalto"));
  reg.add_test("==", cmp(CompareOp::kEq, "=="));
  reg.add_test("ne", cmp(CompareOp::kNe, "ne"));
  reg.add_test("!=", cmp(CompareOp::kNe, "!="));
  reg.add_test("lt", cmp(CompareOp::kLt, "lt"));
  reg.add_test("lessthan", cmp(CompareOp::kLt, "lessthan"));
  reg.add_test("<", cmp(CompareOp::kLt, "<"));
  reg.add_test("le", cmp(CompareOp::kLe, "le"));
  reg.add_test("<=", cmp(CompareOp::kLe, "<="));
  reg.add_test("gt", cmp(CompareOp::kGt, "gt"));
  reg.add_test("greaterthan", cmp(CompareOp::kGt, "greaterthan"));
  reg.add_test(">", cmp(CompareOp::kGt, ">"));
  reg.add_test("ge", cmp(CompareOp::kGe, "ge"));
  reg.add_test(">=", cmp(CompareOp::kGe, ">="));
  reg.add_test("in", [](Renderer&, const Value& v, CallArgs& a) { return contains(one_arg("in", a, "seq"), v); });
  reg.add_test("sameas", [](Renderer&, const Value& v, CallArgs& a) {
    Value other = one_arg("sameas", a, "other");
    if (v.kind() != other.kind()) return false;
    switch (v.kind()) {
      case Kind::kNone: return true;
      case Kind::kUndefined: return v.identity() == other.identity();
      case Kind::kBool: return v.as_bool() == other.as_bool();
      case Kind::kInt: return v.as_int() == other.as_int() && v.as_int() >= -5 && v.as_int() <= 256;
      case Kind::kFloat: return false;
      default: return v.identity() == other.identity();
    }
  });
  reg.add_test("lower", [](Renderer&, const Value& v, CallArgs& a) {
    no_args("lower", a);
    std::string s = to_str(v);
    bool cased = false;
    for (char32_t c : utf8::decode(s)) {
      if (utf8::is_upper(c)) return false;
      cased = cased || utf8::is_lower(c);
    }
    return cased;
  });
  reg.add_test("upper", [](Renderer&, const Value& v, CallArgs& a) {
    no_args("upper", a);
    std::string s = to_str(v);
    bool cased = false;
    for (char32_t c : utf8::decode(s)) {
      if (utf8::is_lower(c)) return false;
      cased = cased || utf8::is_upper(c);
    }
    return cased;
  });
  reg.add_test("escaped", [](Renderer&, const Value&, CallArgs& a) { no_args("escaped", a); return false; });
  reg.add_test("filter", [](Renderer& r, const Value& v, CallArgs& a) {
    no_args("filter", a);
    return v.is_string() && r.registry().filter(v.as_string()) != nullptr;
  });
  reg.add_test("test", [](Renderer& r, const Value& v, CallArgs& a) {
    no_args("test", a);
    return v.is_string() && r.registry().test(v.as_string()) != nullptr;
  });
}

}  // namespace restack::tmpl
