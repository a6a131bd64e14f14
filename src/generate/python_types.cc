#include "generate/python_types.h"

#include <cmath>
#include <initializer_list>

#include "generate/context_internal.h"
#include "generate/python_literal.h"

namespace restack::generate {

using spec::TypeExpr;
using Kind = spec::TypeExpr::Kind;

namespace {

const TypeExpr& any_type() {
  static const TypeExpr t{};  // kind defaults to kAny
  return t;
}

const TypeExpr& arg(const TypeExpr& t, size_t i) { return i < t.args.size() ? t.args[i] : any_type(); }

bool admits_none(const TypeExpr& t) {
  if (t.kind == Kind::kOptional || t.kind == Kind::kAny || t.kind == Kind::kNone) return true;
  if (t.kind == Kind::kUnion)
    for (const auto& a : t.args)
      if (a.kind == Kind::kNone) return true;
  if (t.kind == Kind::kLiteral)
    for (const auto& l : t.literals)
      if (l.is_null()) return true;
  return false;
}

/// Whether a JSON value plausibly belongs to TYPE (to choose a union arm).
bool accepts(const TypeExpr& t, const nlohmann::json& v) {
  switch (t.kind) {
    case Kind::kAny: return true;
    case Kind::kNone: return v.is_null();
    case Kind::kOptional: return v.is_null() || accepts(arg(t, 0), v);
    case Kind::kList:
    case Kind::kSet:
    case Kind::kTuple: return v.is_array();
    case Kind::kDict:
    case Kind::kModel: return v.is_object();
    case Kind::kLiteral:
      for (const auto& l : t.literals)
        if (l == v) return true;
      return false;
    case Kind::kUnion:
      for (const auto& a : t.args)
        if (accepts(a, v)) return true;
      return false;
    case Kind::kBuiltin:
      if (t.name == "str" || t.name == "bytes" || t.name == "datetime" || t.name == "date" ||
          t.name == "time" || t.name == "UUID")
        return v.is_string();
      if (t.name == "int") return v.is_number_integer();
      if (t.name == "float") return v.is_number();
      if (t.name == "bool") return v.is_boolean();
      if (t.name == "Decimal") return v.is_number() || v.is_string();
      if (t.name == "timedelta") return v.is_number() || v.is_string();
      return true;
  }
  return true;
}

/// Whether builtin NAME is imported (datetime, date, time, timedelta, Decimal, UUID) rather
/// than a Python builtin (str, int, float, bool, bytes).
bool needs_import(const std::string& name) {
  if (name.empty()) return false;
  switch (name[0]) {
    case 'd': return name == "datetime" || name == "date";
    case 't': return name == "time" || name == "timedelta";
    case 'D': return name == "Decimal";
    case 'U': return name == "UUID";
    default: return false;
  }
}

std::string bytes_literal(const std::string& s) {
  std::string body = python_string(s);
  std::string out = "b" + body;
  // Non-ASCII bytes are not allowed in a bytes literal: escape them.
  std::string esc;
  for (unsigned char c : out) {
    if (c >= 0x80) {
      static const char* hex = "0123456789abcdef";
      esc += "\\x";
      esc += hex[c >> 4];
      esc += hex[c & 15];
    } else {
      esc += static_cast<char>(c);
    }
  }
  return esc;
}

}  // namespace

std::string python_seconds(double seconds) {
  if (seconds == std::floor(seconds) && std::fabs(seconds) < 1e15) return std::to_string(static_cast<int64_t>(seconds));
  return python_float(seconds);
}

const spec::Schema* PythonTypes::schema_of(const std::string& model) const {
  auto it = models_.find(model);
  if (it == models_.end()) return nullptr;
  if (!it->second.alias_of.empty() && !it->second.schema) return schema_of(it->second.alias_of);
  return it->second.schema;
}

const std::string& PythonTypes::typing(Typing name) {
  static constexpr const char* kNames[] = {"Any", "Optional", "List", "Set", "Dict", "Tuple", "Union", "Literal"};
  std::string& alias = typing_[size_t(name)];
  if (alias.empty()) alias = imports_.from("typing", kNames[size_t(name)]);
  return alias;
}

std::string PythonTypes::annotation(const TypeExpr& t) {
  if (t.kind == Kind::kBuiltin && !needs_import(t.name)) return t.name;  // most fields: str, int...
  std::string out;
  append_annotation(out, t);
  return out;
}

void PythonTypes::append_annotation(std::string& out, const TypeExpr& t) {
  // Imports are asked for in the order the text is written (an alias depends on what the
  // module bound first).
  auto generic = [&](Typing name, std::initializer_list<const TypeExpr*> args, const char* tail = "]") {
    out += typing(name);
    out += '[';
    bool first = true;
    for (const TypeExpr* a : args) {
      if (!first) out += ", ";
      first = false;
      append_annotation(out, *a);
    }
    out += tail;
  };
  auto join_args = [&](Typing name) {
    out += typing(name);
    out += '[';
    for (size_t i = 0; i < t.args.size(); ++i) {
      if (i) out += ", ";
      append_annotation(out, t.args[i]);
    }
    out += ']';
  };
  switch (t.kind) {
    case Kind::kAny: out += typing(Typing::kAny); return;
    case Kind::kNone: out += "None"; return;
    case Kind::kOptional: generic(Typing::kOptional, {&arg(t, 0)}); return;
    case Kind::kList: generic(Typing::kList, {&arg(t, 0)}); return;
    case Kind::kSet: generic(Typing::kSet, {&arg(t, 0)}); return;
    case Kind::kDict: generic(Typing::kDict, {&arg(t, 0), &arg(t, 1)}); return;
    case Kind::kTuple:
      if (t.variadic) generic(Typing::kTuple, {&arg(t, 0)}, ", ...]");
      else join_args(Typing::kTuple);
      return;
    case Kind::kUnion:
      // `str | None` reads best as Optional[str].
      if (t.args.size() == 2 && t.args[1].kind == Kind::kNone && t.args[0].kind != Kind::kNone)
        generic(Typing::kOptional, {&t.args[0]});
      else
        join_args(Typing::kUnion);
      return;
    case Kind::kLiteral:
      out += typing(Typing::kLiteral);
      out += '[';
      for (size_t i = 0; i < t.literals.size(); ++i) {
        if (i) out += ", ";
        out += python_literal(t.literals[i]);
      }
      out += ']';
      return;
    case Kind::kModel: out += model_ref_(t.name); return;
    case Kind::kBuiltin:
      if (!needs_import(t.name)) out += t.name;
      else if (t.name == "Decimal") out += imports_.from("decimal", "Decimal");
      else if (t.name == "UUID") out += imports_.from("uuid", "UUID");
      else out += imports_.from("datetime", t.name);
      return;
  }
  out += typing(Typing::kAny);
}

std::string PythonTypes::timedelta_expr(double seconds) {
  for (const auto& [known, text] : timedeltas_)
    if (known == seconds) return text;  // the import was added by the first call
  std::string text = timedelta_text(seconds);
  timedeltas_.emplace_back(seconds, text);
  return text;
}

std::string PythonTypes::timedelta_text(double seconds) {
  std::string td = imports_.from("datetime", "timedelta");
  double ms_total = seconds * 1000.0;
  if (std::fabs(ms_total - std::round(ms_total)) > 1e-6) return td + "(seconds=" + python_float(seconds) + ")";
  auto ms = static_cast<int64_t>(std::llround(ms_total));
  // The largest unit that divides the duration: 90s -> seconds=90, 30d -> days=30, 1.5h ->
  // minutes=90, 500ms -> milliseconds=500. One keyword reads as the spec was written.
  static const std::pair<const char*, int64_t> kUnits[] = {
      {"days", 86400000}, {"hours", 3600000}, {"minutes", 60000}, {"seconds", 1000}, {"milliseconds", 1}};
  std::string args = "seconds=0";
  for (const auto& [unit, size] : kUnits) {
    if (ms != 0 && ms % size == 0) {
      args = std::string(unit) + "=" + std::to_string(ms / size);
      break;
    }
  }
  return td + "(" + args + ")";
}

std::string PythonTypes::value(const nlohmann::json& v, const TypeExpr& t) {
  if (v.is_null()) return "None";
  switch (t.kind) {
    case Kind::kAny:
    case Kind::kNone:
    case Kind::kLiteral: return python_literal(v);
    case Kind::kOptional: return value(v, arg(t, 0));
    case Kind::kUnion:
      for (const auto& a : t.args)
        if (a.kind != Kind::kNone && accepts(a, v)) return value(v, a);
      return python_literal(v);
    case Kind::kList:
    case Kind::kSet:
    case Kind::kTuple: {
      if (!v.is_array()) return python_literal(v);
      if (t.kind == Kind::kSet && v.empty()) return "set()";
      std::string out;
      for (size_t i = 0; i < v.size(); ++i) {
        const TypeExpr& et = t.kind == Kind::kTuple && !t.variadic ? arg(t, i) : arg(t, 0);
        out += (i ? ", " : "") + value(v[i], et);
      }
      if (t.kind == Kind::kList) return "[" + out + "]";
      if (t.kind == Kind::kSet) return "{" + out + "}";
      return v.size() == 1 ? "(" + out + ",)" : "(" + out + ")";
    }
    case Kind::kDict: {
      if (!v.is_object()) return python_literal(v);
      const TypeExpr& kt = arg(t, 0);
      std::string out = "{";
      bool first = true;
      for (const auto& [k, item] : v.items()) {
        if (!first) out += ", ";
        first = false;
        nlohmann::json key = k;
        if (kt.kind == Kind::kBuiltin && (kt.name == "int" || kt.name == "float")) {
          try {
            key = kt.name == "int" ? nlohmann::json(std::stoll(k)) : nlohmann::json(std::stod(k));
          } catch (...) {
          }
        } else if (kt.kind == Kind::kBuiltin && kt.name == "bool") {
          key = k == "true" || k == "True";
        }
        out += value(key, kt) + ": " + value(item, arg(t, 1));
      }
      return out + "}";
    }
    case Kind::kModel: {
      const spec::Schema* schema = schema_of(t.name);
      if (!v.is_object() || !schema) return python_literal(v);
      std::vector<Arg> args;
      for (const auto& [k, item] : v.items()) {
        const spec::Field* f = find_field(*schema, k);
        args.push_back({k, f ? value(item, f->type) : python_literal(item)});
      }
      return flat_call(model_ref_(t.name), args);
    }
    case Kind::kBuiltin: {
      const std::string& n = t.name;
      if (n == "float" && v.is_number()) {
        const double d = v.get<double>();
        for (const auto& [known, text] : floats_)
          if (known == d && std::signbit(known) == std::signbit(d)) return text;
        std::string text = python_float(d);
        if (floats_.size() < 16) floats_.emplace_back(d, text);
        return text;
      }
      if (n == "bytes" && v.is_string()) return bytes_literal(v.get<std::string>());
      if ((n == "datetime" || n == "date" || n == "time") && v.is_string()) {
        std::string s = v.get<std::string>();
        if (!s.empty() && (s.back() == 'Z' || s.back() == 'z')) s = s.substr(0, s.size() - 1) + "+00:00";
        return imports_.from("datetime", n) + ".fromisoformat(" + python_string(s) + ")";
      }
      if (n == "timedelta" && v.is_number()) return timedelta_expr(v.get<double>());
      if (n == "Decimal") {
        std::string text = v.is_string() ? v.get<std::string>() : v.dump();
        return imports_.from("decimal", "Decimal") + "(" + python_string(text) + ")";
      }
      if (n == "UUID" && v.is_string()) return imports_.from("uuid", "UUID") + "(" + python_string(v.get<std::string>()) + ")";
      return python_literal(v);
    }
  }
  return python_literal(v);
}

std::string PythonTypes::zero(const TypeExpr& t) {
  if (admits_none(t)) return "None";
  switch (t.kind) {
    case Kind::kList: return "[]";
    case Kind::kSet: return "set()";
    case Kind::kDict: return "{}";
    case Kind::kTuple: {
      if (t.variadic || t.args.empty()) return "()";
      std::string out;
      for (size_t i = 0; i < t.args.size(); ++i) out += (i ? ", " : "") + zero(t.args[i]);
      return t.args.size() == 1 ? "(" + out + ",)" : "(" + out + ")";
    }
    case Kind::kUnion: return zero(arg(t, 0));
    case Kind::kLiteral: return t.literals.empty() ? "None" : python_literal(t.literals[0]);
    case Kind::kModel: return construct(t.name, false);
    case Kind::kBuiltin: {
      const std::string& n = t.name;
      if (n == "str") return "\"\"";
      if (n == "int") return "0";
      if (n == "float") return "0.0";
      if (n == "bool") return "False";
      if (n == "bytes") return "b\"\"";
      if (n == "datetime") return imports_.from("datetime", "datetime") + "(1970, 1, 1)";
      if (n == "date") return imports_.from("datetime", "date") + "(1970, 1, 1)";
      if (n == "time") return imports_.from("datetime", "time") + "()";
      if (n == "timedelta") return imports_.from("datetime", "timedelta") + "()";
      if (n == "Decimal") return imports_.from("decimal", "Decimal") + "(0)";
      if (n == "UUID") return imports_.from("uuid", "UUID") + "(int=0)";
      return "None";
    }
    default: return "None";
  }
}

std::string PythonTypes::example(const TypeExpr& t) {
  if (depth_ > 8) return zero(t);
  struct Depth {
    int& d;
    explicit Depth(int& x) : d(x) { ++d; }
    ~Depth() { --d; }
  } guard(depth_);
  auto hashable = [](const TypeExpr& e) {
    return e.kind == Kind::kBuiltin || e.kind == Kind::kLiteral;
  };
  switch (t.kind) {
    case Kind::kAny: return "\"example\"";
    case Kind::kNone: return "None";
    case Kind::kOptional: return example(arg(t, 0));
    case Kind::kList: return "[" + example(arg(t, 0)) + "]";
    case Kind::kSet: return hashable(arg(t, 0)) ? "{" + example(arg(t, 0)) + "}" : "set()";
    case Kind::kDict: {
      const TypeExpr& k = arg(t, 0);
      std::string key = k.kind == Kind::kAny ? "\"key\"" : example(k);
      return "{" + key + ": " + example(arg(t, 1)) + "}";
    }
    case Kind::kTuple: {
      if (t.variadic) return "(" + example(arg(t, 0)) + ",)";
      std::string out;
      for (size_t i = 0; i < t.args.size(); ++i) out += (i ? ", " : "") + example(t.args[i]);
      return t.args.size() == 1 ? "(" + out + ",)" : "(" + out + ")";
    }
    case Kind::kUnion:
      for (const auto& a : t.args)
        if (a.kind != Kind::kNone) return example(a);
      return "None";
    case Kind::kLiteral: return t.literals.empty() ? "None" : python_literal(t.literals[0]);
    case Kind::kModel: return construct(t.name, true);
    case Kind::kBuiltin: {
      const std::string& n = t.name;
      if (n == "str") return "\"example\"";
      if (n == "int") return "1";
      if (n == "float") return "1.5";
      if (n == "bool") return "True";
      if (n == "bytes") return "b\"example\"";
      if (n == "datetime") return imports_.from("datetime", "datetime") + "(2024, 1, 1, 12, 0)";
      if (n == "date") return imports_.from("datetime", "date") + "(2024, 1, 1)";
      if (n == "time") return imports_.from("datetime", "time") + "(12, 0)";
      if (n == "timedelta") return imports_.from("datetime", "timedelta") + "(minutes=5)";
      if (n == "Decimal") return imports_.from("decimal", "Decimal") + "(\"1.5\")";
      if (n == "UUID") return imports_.from("uuid", "UUID") + "(\"12345678-1234-5678-1234-567812345678\")";
      return "None";
    }
  }
  return "None";
}

std::string PythonTypes::construct(const std::string& model, bool with_examples) {
  std::string out;
  append_construct(out, model, with_examples);
  return out;
}

void PythonTypes::append_construct(std::string& out, const std::string& model, bool with_examples) {
  // What flat_call(model_ref_(MODEL), {field=value...}) gives, written in place: no list of
  // arguments, no copy of each value. The model's own name is asked for first: model_ref_ only
  // imports user names, which are never aliased, so the imports are the same in either order.
  out += model_ref_(model);
  out += '(';
  bool first = true;
  if (const spec::Schema* schema = schema_of(model))
    for (const auto& f : schema->fields) {
      if (f.default_value) continue;  // the model's default is the placeholder
      if (!first) out += ", ";
      first = false;
      if (!f.name.empty()) {
        out += f.name;
        out += '=';
      }
      out += with_examples ? example(f.type) : zero(f.type);
    }
  out += ')';
}

}  // namespace restack::generate
