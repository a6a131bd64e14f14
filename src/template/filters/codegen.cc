// restack-gen's own code-generation filters (documented in docs/templates.md):
// snake_case, camel_case, pascal_case, kebab_case, python_repr.
#include <cmath>

#include "template/filters/helpers.h"
#include "template/operators.h"

namespace restack::tmpl {

namespace {

using filters::soft_str;

/// Splits an identifier-ish string into words: at separators (anything not a letter or digit),
/// at lower->Upper ("fooBar"), at digit->Upper ("v2Api") and at the end of an acronym
/// ("HTTPServer" -> HTTP, Server).
std::vector<std::u32string> split_words(const std::string& s) {
  std::u32string u = utf8::decode(s);
  std::vector<std::u32string> words;
  std::u32string cur;
  for (size_t i = 0; i < u.size(); ++i) {
    char32_t c = u[i];
    if (!utf8::is_alnum(c)) {
      if (!cur.empty()) words.push_back(std::move(cur)), cur.clear();
      continue;
    }
    if (!cur.empty() && utf8::is_upper(c)) {
      char32_t prev = cur.back();
      bool next_lower = i + 1 < u.size() && utf8::is_lower(u[i + 1]);
      if (utf8::is_lower(prev) || utf8::is_digit(prev) || (utf8::is_upper(prev) && next_lower)) {
        words.push_back(std::move(cur));
        cur.clear();
      }
    }
    cur.push_back(c);
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  return words;
}

std::u32string lower32(const std::u32string& w) {
  std::u32string o;
  for (char32_t c : w) o.push_back(utf8::to_lower(c));
  return o;
}

std::u32string capitalized(const std::u32string& w) {
  std::u32string o = lower32(w);
  if (!o.empty()) o[0] = utf8::to_upper(o[0]);
  return o;
}

std::string join_words(const std::string& s, const char* sep, int style) {  // 0 lower, 1 camel, 2 pascal
  std::u32string out;
  auto words = split_words(s);
  for (size_t i = 0; i < words.size(); ++i) {
    if (i && sep) out += utf8::decode(sep);
    if (style == 0) out += lower32(words[i]);
    else if (style == 1) out += i == 0 ? lower32(words[i]) : capitalized(words[i]);
    else out += capitalized(words[i]);
  }
  return utf8::encode(out);
}

void python_literal(std::string& out, const Value& v, int depth) {
  if (depth > 200) raise_error("python_repr: value nested too deeply");
  switch (v.kind()) {
    case Kind::kUndefined: raise_undefined(v);
    case Kind::kFloat: {
      double d = v.as_double();
      if (std::isnan(d)) out += "float('nan')";
      else if (std::isinf(d)) out += d > 0 ? "float('inf')" : "float('-inf')";
      else out += float_repr(d);
      return;
    }
    case Kind::kList:
    case Kind::kTuple: {
      const auto& items = v.as_list().items;
      out += v.is_tuple() ? '(' : '[';
      for (size_t i = 0; i < items.size(); ++i) {
        if (i) out += ", ";
        python_literal(out, items[i], depth + 1);
      }
      if (v.is_tuple() && items.size() == 1) out += ',';
      out += v.is_tuple() ? ')' : ']';
      return;
    }
    case Kind::kDict: {
      out += '{';
      bool first = true;
      for (const auto& [k, val] : v.as_dict().entries) {
        if (!first) out += ", ";
        first = false;
        python_literal(out, k, depth + 1);
        out += ": ";
        python_literal(out, val, depth + 1);
      }
      out += '}';
      return;
    }
    case Kind::kObject: raise_error("python_repr: a " + type_name(v) + " has no Python literal");
    default: append_repr(out, v);
  }
}

}  // namespace

void register_codegen_filters(Registry& reg) {
  reg.add_filter("snake_case", [](Renderer&, const Value& v, CallArgs& a) {
    bind_args("snake_case", a, {});
    return Value(join_words(soft_str(v), "_", 0));
  });
  reg.add_filter("kebab_case", [](Renderer&, const Value& v, CallArgs& a) {
    bind_args("kebab_case", a, {});
    return Value(join_words(soft_str(v), "-", 0));
  });
  reg.add_filter("camel_case", [](Renderer&, const Value& v, CallArgs& a) {
    bind_args("camel_case", a, {});
    return Value(join_words(soft_str(v), nullptr, 1));
  });
  reg.add_filter("pascal_case", [](Renderer&, const Value& v, CallArgs& a) {
    bind_args("pascal_case", a, {});
    return Value(join_words(soft_str(v), nullptr, 2));
  });
  reg.add_filter("python_repr", [](Renderer&, const Value& v, CallArgs& a) {
    bind_args("python_repr", a, {});
    std::string out;
    python_literal(out, v, 0);
    return Value(std::move(out));
  });
}

}  // namespace restack::tmpl
