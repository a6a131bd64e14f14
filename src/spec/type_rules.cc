#include "spec/type_rules.h"

#include <regex>

#include "spec/type_render.h"

namespace restack::spec {
namespace {

using K = TypeExpr::Kind;

// Optional[T] -> Union[T, None]; nested unions flattened; duplicates removed.
TypeExpr normalized(const TypeExpr& t, const SchemaLookup& models);

void add_member(std::vector<TypeExpr>& members, TypeExpr m, const SchemaLookup& models) {
  if (m.kind == K::kUnion) {
    for (auto& a : m.args) add_member(members, a, models);
    return;
  }
  for (const auto& e : members)
    if (same_type(e, m, models)) return;
  members.push_back(std::move(m));
}

TypeExpr normalized(const TypeExpr& t, const SchemaLookup& models) {
  TypeExpr n = t;
  n.args.clear();
  for (const auto& a : t.args) n.args.push_back(normalized(a, models));
  if (n.kind == K::kOptional) {
    TypeExpr none;
    none.kind = K::kNone;
    n.kind = K::kUnion;
    n.args.push_back(none);
  }
  if (n.kind == K::kUnion) {
    std::vector<TypeExpr> members;
    for (auto& a : n.args) add_member(members, a, models);
    if (members.size() == 1) return members[0];
    n.args = std::move(members);
  }
  return n;
}

bool members_equal(const TypeExpr& a, const TypeExpr& b, const SchemaLookup& models);

bool same_normalized(const TypeExpr& a, const TypeExpr& b, const SchemaLookup& models) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case K::kAny:
    case K::kNone: return true;
    case K::kBuiltin: return a.name == b.name;
    case K::kModel: {
      if (a.name == b.name) return true;
      const Schema* sa = models ? models(a.name) : nullptr;
      const Schema* sb = models ? models(b.name) : nullptr;
      if (!sa || !sb || sa->fields.size() != sb->fields.size()) return false;
      for (size_t i = 0; i < sa->fields.size(); ++i)
        if (sa->fields[i].name != sb->fields[i].name ||
            render_annotation(sa->fields[i].type) != render_annotation(sb->fields[i].type))
          return false;
      return true;
    }
    case K::kLiteral: {
      if (a.literals.size() != b.literals.size()) return false;
      for (const auto& v : a.literals)
        if (std::find(b.literals.begin(), b.literals.end(), v) == b.literals.end()) return false;
      return true;
    }
    case K::kUnion: return members_equal(a, b, models);
    case K::kTuple:
      if (a.variadic != b.variadic) return false;
      [[fallthrough]];
    default:
      if (a.args.size() != b.args.size()) return false;
      for (size_t i = 0; i < a.args.size(); ++i)
        if (!same_normalized(a.args[i], b.args[i], models)) return false;
      return true;
  }
}

bool members_equal(const TypeExpr& a, const TypeExpr& b, const SchemaLookup& models) {
  if (a.args.size() != b.args.size()) return false;
  for (const auto& x : a.args) {
    bool found = false;
    for (const auto& y : b.args) found = found || same_normalized(x, y, models);
    if (!found) return false;
  }
  return true;
}

bool assignable_normalized(const TypeExpr& from, const TypeExpr& to, const SchemaLookup& models) {
  if (to.kind == K::kAny || from.kind == K::kAny) return true;
  if (from.kind == K::kUnion) {
    for (const auto& m : from.args)
      if (!assignable_normalized(m, to, models)) return false;
    return true;
  }
  if (to.kind == K::kUnion) {
    for (const auto& m : to.args)
      if (assignable_normalized(from, m, models)) return true;
    return false;
  }
  if (same_normalized(from, to, models)) return true;
  if (from.kind == K::kBuiltin && to.kind == K::kBuiltin) return from.name == "int" && to.name == "float";
  if (from.kind == K::kLiteral) {
    for (const auto& v : from.literals) {
      if (to.kind == K::kLiteral) {
        if (std::find(to.literals.begin(), to.literals.end(), v) == to.literals.end()) return false;
      } else if (!assignable_normalized(type_of_value(v), to, models)) {
        return false;
      }
    }
    return true;
  }
  if (from.kind != to.kind) return false;
  switch (from.kind) {
    case K::kList:
    case K::kSet: return assignable_normalized(from.args[0], to.args[0], models);
    case K::kDict:
      return assignable_normalized(from.args[0], to.args[0], models) &&
             assignable_normalized(from.args[1], to.args[1], models);
    case K::kTuple: {
      if (to.variadic) {
        for (const auto& a : from.args)
          if (!assignable_normalized(a, to.args[0], models)) return false;
        return true;
      }
      if (from.variadic || from.args.size() != to.args.size()) return false;
      for (size_t i = 0; i < from.args.size(); ++i)
        if (!assignable_normalized(from.args[i], to.args[i], models)) return false;
      return true;
    }
    default: return false;
  }
}

bool matches(const std::string& s, const std::string& pattern) { return std::regex_match(s, std::regex(pattern)); }

constexpr const char* kDate = R"(\d{4}-\d{2}-\d{2})";
constexpr const char* kTime = R"(\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)";

std::optional<std::string> misfit(const nlohmann::json& v, const TypeExpr& t, const SchemaLookup& models, int depth) {
  static const std::optional<std::string> kFits;
  if (depth > 64) return kFits;
  switch (t.kind) {
    case K::kAny: return kFits;
    case K::kNone: return v.is_null() ? kFits : std::optional<std::string>("");
    case K::kOptional:
      if (v.is_null()) return kFits;
      return misfit(v, t.args[0], models, depth + 1);
    case K::kUnion:
      for (const auto& m : t.args)
        if (!misfit(v, m, models, depth + 1)) return kFits;
      return std::string("");
    case K::kLiteral:
      for (const auto& l : t.literals)
        if (l == v) return kFits;
      return std::string(" (expected one of the Literal's values)");
    default: break;
  }
  if (v.is_null()) return std::string(" (null only fits an Optional type)");
  switch (t.kind) {
    case K::kBuiltin: {
      const std::string& n = t.name;
      if (n == "str" || n == "bytes") return v.is_string() ? kFits : std::optional<std::string>("");
      if (n == "int") return v.is_number_integer() ? kFits : std::optional<std::string>("");
      if (n == "float") return v.is_number() ? kFits : std::optional<std::string>("");
      if (n == "bool") return v.is_boolean() ? kFits : std::optional<std::string>("");
      if (n == "Decimal") {
        if (v.is_string() && matches(v.get<std::string>(), R"([-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?)")) return kFits;
        return std::string(" (write a Decimal as a string such as \"9.99\", so that no precision is lost)");
      }
      if (n == "UUID") {
        if (v.is_string() && matches(v.get<std::string>(), R"([0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12})"))
          return kFits;
        return std::string(" (expected a UUID string such as \"123e4567-e89b-12d3-a456-426614174000\")");
      }
      if (n == "date") {
        if (v.is_string() && matches(v.get<std::string>(), kDate)) return kFits;
        return std::string(" (expected an ISO date string such as \"2024-01-31\")");
      }
      if (n == "time") {
        if (v.is_string() && matches(v.get<std::string>(), kTime)) return kFits;
        return std::string(" (expected an ISO time string such as \"07:30:00\")");
      }
      if (n == "datetime") {
        if (v.is_string() && matches(v.get<std::string>(), std::string(kDate) + "([T ]" + kTime + ")?")) return kFits;
        return std::string(" (expected an ISO datetime string such as \"2024-01-31T07:30:00Z\")");
      }
      if (n == "timedelta") {
        if (v.is_number() && !v.is_boolean()) return kFits;
        if (v.is_string() && (matches(v.get<std::string>(), R"(P(\d+W)?(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?)") ||
                              matches(v.get<std::string>(), R"(\d+:\d{2}:\d{2}(\.\d+)?)")))
          return kFits;
        return std::string(" (expected seconds or an ISO 8601 duration such as \"P1DT2H\")");
      }
      return std::string("");
    }
    case K::kList:
    case K::kSet:
    case K::kTuple: {
      if (!v.is_array()) return std::string("");
      if (t.kind == K::kTuple && !t.variadic && v.size() != t.args.size())
        return " (expected " + std::to_string(t.args.size()) + " elements)";
      for (size_t i = 0; i < v.size(); ++i) {
        const TypeExpr& et = (t.kind == K::kTuple && !t.variadic) ? t.args[i] : t.args[0];
        if (auto why = misfit(v[i], et, models, depth + 1)) return why;
      }
      return kFits;
    }
    case K::kDict: {
      if (!v.is_object()) return std::string("");
      for (const auto& [k, e] : v.items()) {
        nlohmann::json key = k;
        const TypeExpr& kt = t.args[0];
        if (kt.kind == K::kBuiltin && (kt.name == "int" || kt.name == "float")) {
          if (!matches(k, R"([-+]?\d+(\.\d+)?)")) return " (the key `" + k + "` is not a number)";
        } else if (kt.kind == K::kBuiltin && kt.name == "bool") {
          if (k != "true" && k != "false") return " (the key `" + k + "` is not a boolean)";
        } else if (auto why = misfit(key, kt, models, depth + 1)) {
          return why;
        }
        if (auto why = misfit(e, t.args[1], models, depth + 1)) return why;
      }
      return kFits;
    }
    case K::kModel: {
      const Schema* s = models ? models(t.name) : nullptr;
      if (!s) return kFits;
      if (!v.is_object()) return std::string("");
      for (const auto& [k, e] : v.items()) {
        const Field* f = s->find(k);
        if (!f) return " (" + t.name + " has no field `" + k + "`)";
        if (auto why = misfit(e, f->type, models, depth + 1)) return why;
      }
      for (const auto& f : s->fields)
        if (!f.default_value && !v.contains(f.name)) return " (the field `" + f.name + "` is missing)";
      return kFits;
    }
    default: return kFits;
  }
}

// Whether normalized(T) could differ from T: only Optional and Union are rewritten.
bool needs_normalizing(const TypeExpr& t) {
  if (t.kind == K::kOptional || t.kind == K::kUnion) return true;
  for (const auto& a : t.args)
    if (needs_normalizing(a)) return true;
  return false;
}

}  // namespace

bool same_type(const TypeExpr& a, const TypeExpr& b, const SchemaLookup& models) {
  return same_normalized(normalized(a, models), normalized(b, models), models);
}

bool assignable(const TypeExpr& from, const TypeExpr& to, const SchemaLookup& models) {
  // Most references connect plain types (int to int): normalizing them would only copy them.
  if (!needs_normalizing(from) && !needs_normalizing(to)) return assignable_normalized(from, to, models);
  return assignable_normalized(normalized(from, models), normalized(to, models), models);
}

std::optional<std::string> value_misfit(const nlohmann::json& v, const TypeExpr& t, const SchemaLookup& models) {
  return misfit(v, t, models, 0);
}

TypeExpr simple_type(const std::string& name) {
  TypeExpr t;
  if (name == "Any") {
    t.kind = K::kAny;
  } else {
    t.kind = K::kBuiltin;
    t.name = name;
  }
  t.spelling = name;
  return t;
}

TypeExpr model_type(const std::string& name) {
  TypeExpr t;
  t.kind = K::kModel;
  t.name = t.spelling = name;
  return t;
}

TypeExpr type_of_value(const nlohmann::json& v) {
  TypeExpr t;
  if (v.is_string()) return simple_type("str");
  if (v.is_boolean()) return simple_type("bool");
  if (v.is_number_integer()) return simple_type("int");
  if (v.is_number()) return simple_type("float");
  if (v.is_array()) {
    t.kind = K::kList;
    t.args.push_back(simple_type("Any"));
    t.spelling = "List[Any]";
    return t;
  }
  if (v.is_object()) {
    t.kind = K::kDict;
    t.args.push_back(simple_type("str"));
    t.args.push_back(simple_type("Any"));
    t.spelling = "Dict[str, Any]";
    return t;
  }
  return simple_type("Any");
}

}  // namespace restack::spec
