#include "spec/type_render.h"

namespace restack::spec {
namespace {

bool is_none(const TypeExpr& t) { return t.kind == TypeExpr::Kind::kNone; }

std::string join(const std::vector<std::string>& parts) {
  std::string s;
  for (size_t i = 0; i < parts.size(); ++i) s += (i ? ", " : "") + parts[i];
  return s;
}

std::string python_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  return out + "\"";
}

}  // namespace

std::string render_python_value(const nlohmann::json& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::null: return "None";
    case nlohmann::json::value_t::boolean: return v.get<bool>() ? "True" : "False";
    case nlohmann::json::value_t::string: return python_string(v.get<std::string>());
    case nlohmann::json::value_t::array: {
      std::vector<std::string> parts;
      for (const auto& e : v) parts.push_back(render_python_value(e));
      return "[" + join(parts) + "]";
    }
    case nlohmann::json::value_t::object: {
      std::vector<std::string> parts;
      for (const auto& [k, e] : v.items()) parts.push_back(python_string(k) + ": " + render_python_value(e));
      return "{" + join(parts) + "}";
    }
    default: return v.dump();
  }
}

std::string render_annotation(const TypeExpr& t) {
  using K = TypeExpr::Kind;
  auto args = [&]() {
    std::vector<std::string> parts;
    for (const auto& a : t.args) parts.push_back(render_annotation(a));
    return parts;
  };
  switch (t.kind) {
    case K::kBuiltin: return t.name;
    case K::kModel: return t.name;
    case K::kAny: return "Any";
    case K::kNone: return "None";
    case K::kOptional: return "Optional[" + render_annotation(t.args.at(0)) + "]";
    case K::kList: return "List[" + render_annotation(t.args.at(0)) + "]";
    case K::kSet: return "Set[" + render_annotation(t.args.at(0)) + "]";
    case K::kDict: return "Dict[" + render_annotation(t.args.at(0)) + ", " + render_annotation(t.args.at(1)) + "]";
    case K::kTuple: return "Tuple[" + join(args()) + (t.variadic ? ", ...]" : "]");
    case K::kUnion: {
      std::vector<std::string> parts;
      bool has_none = false;
      for (const auto& a : t.args) {
        if (is_none(a)) has_none = true;
        else parts.push_back(render_annotation(a));
      }
      if (has_none && parts.size() == 1) return "Optional[" + parts[0] + "]";
      if (has_none) parts.push_back("None");
      if (parts.size() == 1) return parts[0];
      return "Union[" + join(parts) + "]";
    }
    case K::kLiteral: {
      std::vector<std::string> parts;
      for (const auto& v : t.literals) parts.push_back(render_python_value(v));
      return "Literal[" + join(parts) + "]";
    }
  }
  return "Any";
}

void collect_imports(const TypeExpr& t, TypeImports& out) {
  using K = TypeExpr::Kind;
  switch (t.kind) {
    case K::kBuiltin:
      if (t.name == "datetime" || t.name == "date" || t.name == "time" || t.name == "timedelta") out.datetime.insert(t.name);
      else if (t.name == "Decimal") out.decimal = true;
      else if (t.name == "UUID") out.uuid = true;
      break;
    case K::kModel: out.models.insert(t.name); break;
    case K::kAny: out.typing.insert("Any"); break;
    case K::kNone: break;
    case K::kOptional: out.typing.insert("Optional"); break;
    case K::kList: out.typing.insert("List"); break;
    case K::kSet: out.typing.insert("Set"); break;
    case K::kDict: out.typing.insert("Dict"); break;
    case K::kTuple: out.typing.insert("Tuple"); break;
    case K::kLiteral: out.typing.insert("Literal"); break;
    case K::kUnion: {
      size_t real = 0;
      bool has_none = false;
      for (const auto& a : t.args) {
        if (a.kind == K::kNone) has_none = true;
        else ++real;
      }
      if (has_none && real == 1) out.typing.insert("Optional");
      else if (real > 1) out.typing.insert("Union");
      break;
    }
  }
  for (const auto& a : t.args) collect_imports(a, out);
}

std::vector<std::string> TypeImports::lines() const {
  std::vector<std::string> out;
  auto joined = [](const std::set<std::string>& names) {
    std::string s;
    for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
    return s;
  };
  if (!datetime.empty()) out.push_back("from datetime import " + joined(datetime));
  if (decimal) out.push_back("from decimal import Decimal");
  if (!typing.empty()) out.push_back("from typing import " + joined(typing));
  if (uuid) out.push_back("from uuid import UUID");
  return out;
}

}  // namespace restack::spec
