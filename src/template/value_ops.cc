// Python's equality, hashing, ordering, len() and iteration for template values.
#include <cmath>
#include <functional>

#include "template/errors.h"
#include "template/operators.h"
#include "template/utf8.h"
#include "template/value.h"

namespace restack::tmpl {

namespace {

bool sequence_equals(const std::vector<Value>& a, const std::vector<Value>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (!equals(a[i], b[i])) return false;
  return true;
}

}  // namespace

bool equals(const Value& a, const Value& b) {
  if (a.is_number() && b.is_number()) {
    if (a.is_float() || b.is_float()) return a.as_double() == b.as_double();
    return a.as_int() == b.as_int();
  }
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Kind::kUndefined:
      if (a.undefined_info() && a.undefined_info()->strict) raise_undefined(a);
      return true;
    case Kind::kNone: return true;
    case Kind::kString: return a.as_string() == b.as_string();
    case Kind::kList:
    case Kind::kTuple:
      if (a.identity() == b.identity()) return true;
      if (a.as_list().flavor != b.as_list().flavor) return false;
      return sequence_equals(a.as_list().items, b.as_list().items);
    case Kind::kDict: {
      if (a.identity() == b.identity()) return true;
      const auto& da = a.as_dict();
      const auto& db = b.as_dict();
      if (da.size() != db.size()) return false;
      for (const auto& [k, v] : da.entries) {
        const Value* other = db.find(k);
        if (!other || !equals(v, *other)) return false;
      }
      return true;
    }
    case Kind::kObject: return a.identity() == b.identity();
    default: return false;
  }
}

size_t hash_value(const Value& v) {
  switch (v.kind()) {
    case Kind::kNone: return 0x9e3779b9;
    case Kind::kUndefined: return 0x12345;
    case Kind::kBool:
    case Kind::kInt: return std::hash<int64_t>()(v.as_int());
    case Kind::kFloat: {
      double d = v.as_double();
      if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.2e18) return std::hash<int64_t>()(int64_t(d));
      return std::hash<double>()(d);
    }
    case Kind::kString: return std::hash<std::string_view>()(v.as_string());
    case Kind::kTuple: {
      size_t h = 0x345678;
      for (const auto& item : v.as_list().items) h = h * 1000003 ^ hash_value(item);
      return h;
    }
    case Kind::kObject: return std::hash<const void*>()(v.identity());
    default: raise_error("unhashable type: '" + type_name(v) + "'");
  }
}

std::string type_name(const Value& v) {
  switch (v.kind()) {
    case Kind::kUndefined: return "Undefined";
    case Kind::kNone: return "NoneType";
    case Kind::kBool: return "bool";
    case Kind::kInt: return "int";
    case Kind::kFloat: return "float";
    case Kind::kString: return "str";
    case Kind::kList:
      switch (v.as_list().flavor) {
        case ListFlavor::kRange: return "range";
        case ListFlavor::kDictItems: return "dict_items";
        case ListFlavor::kDictKeys: return "dict_keys";
        case ListFlavor::kDictValues: return "dict_values";
        default: return "list";
      }
    case Kind::kTuple: return v.as_list().field_names() ? "_GroupTuple" : "tuple";
    case Kind::kDict: return "dict";
    case Kind::kObject: return v.as_object()->type_name();
  }
  return "object";
}

bool less_than(const Value& a, const Value& b) {
  if (a.is_undefined()) raise_undefined(a);
  if (b.is_undefined()) raise_undefined(b);
  if (a.is_number() && b.is_number()) {
    if (a.is_float() || b.is_float()) return a.as_double() < b.as_double();
    return a.as_int() < b.as_int();
  }
  if (a.is_string() && b.is_string()) return a.as_string() < b.as_string();
  if ((a.is_list() && b.is_list()) || (a.is_tuple() && b.is_tuple())) {
    const auto& x = a.as_list().items;
    const auto& y = b.as_list().items;
    for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
      if (equals(x[i], y[i])) continue;
      return less_than(x[i], y[i]);
    }
    return x.size() < y.size();
  }
  raise_error("'<' not supported between instances of '" + type_name(a) + "' and '" + type_name(b) + "'");
}

bool length_of(const Value& v, int64_t& out) {
  switch (v.kind()) {
    case Kind::kString: out = int64_t(utf8::length(v.as_string())); return true;
    case Kind::kList:
    case Kind::kTuple: out = int64_t(v.as_list().items.size()); return true;
    case Kind::kDict: out = int64_t(v.as_dict().size()); return true;
    case Kind::kUndefined:
      if (v.undefined_info() && v.undefined_info()->strict) raise_undefined(v);
      out = 0;
      return true;
    default: return false;
  }
}

bool is_iterable(const Value& v) {
  switch (v.kind()) {
    case Kind::kString:
    case Kind::kList:
    case Kind::kTuple:
    case Kind::kDict:
    case Kind::kUndefined: return true;
    case Kind::kObject: return v.as_object()->iterable();
    default: return false;
  }
}

bool is_callable(const Value& v) { return v.is_object() && v.as_object()->callable(); }

std::vector<Value> iterate(const Value& v) {
  switch (v.kind()) {
    case Kind::kUndefined:
      if (v.undefined_info() && v.undefined_info()->strict) raise_undefined(v);
      return {};
    case Kind::kString: {
      const std::string& s = v.as_string();
      std::vector<Value> out;
      out.reserve(s.size());
      if (utf8::is_ascii(s)) {
        for (char c : s) out.emplace_back(std::string(1, c));
      } else {
        for (char32_t c : utf8::decode(s)) {
          std::string one;
          utf8::append(one, c);
          out.emplace_back(std::move(one));
        }
      }
      return out;
    }
    case Kind::kList:
    case Kind::kTuple: return v.as_list().items;
    case Kind::kDict: {
      std::vector<Value> out;
      out.reserve(v.as_dict().size());
      for (const auto& [k, val] : v.as_dict().entries) out.push_back(k);
      return out;
    }
    default: raise_error("'" + type_name(v) + "' object is not iterable");
  }
}

}  // namespace restack::tmpl
