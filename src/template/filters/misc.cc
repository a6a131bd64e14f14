// default, attr, tojson (Python's json.dumps, HTML-safe), pprint (Python's pprint.pformat).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "template/filters/helpers.h"
#include "template/operators.h"

namespace restack::tmpl {

namespace {

using filters::int_arg;
using filters::soft_str;

// ---- tojson ----

/// Whether json.dumps (HTML-safe, ensure_ascii) writes ASCII byte C as it is.
constexpr bool json_plain(unsigned char c) {
  return c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' && c != '\'';
}

/// Appends code point C as json.dumps (HTML-safe, ensure_ascii) writes it inside a string.
void json_escape(std::string& out, char32_t c) {
  switch (c) {
    case '"': out += "\\\""; return;
    case '\\': out += "\\\\"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    case '\b': out += "\\b"; return;
    case '\f': out += "\\f"; return;
    default: break;
  }
  if (c < 0x80 && json_plain(static_cast<unsigned char>(c))) {
    out += char(c);
    return;
  }
  char buf[16];
  if (c >= 0x10000) {
    char32_t v = c - 0x10000;
    std::snprintf(buf, sizeof buf, "\\u%04x\\u%04x", unsigned(0xD800 + (v >> 10)), unsigned(0xDC00 + (v & 0x3FF)));
  } else {
    std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(c));
  }
  out += buf;
}

void json_string(std::string& out, const std::string& s) {
  out += '"';
  if (utf8::is_ascii(s)) {
    // Runs of plain bytes are copied at once, without decoding into code points.
    size_t i = 0;
    while (i < s.size()) {
      size_t run = i;
      while (run < s.size() && json_plain(static_cast<unsigned char>(s[run]))) ++run;
      out.append(s, i, run - i);
      if (run == s.size()) break;
      json_escape(out, static_cast<unsigned char>(s[run]));
      i = run + 1;
    }
  } else {
    for (char32_t c : utf8::decode(s)) json_escape(out, c);
  }
  out += '"';
}

std::string json_key(const Value& k) {
  switch (k.kind()) {
    case Kind::kString: return k.as_string();
    case Kind::kBool: return k.as_bool() ? "true" : "false";
    case Kind::kNone: return "null";
    case Kind::kInt: return to_str(k);
    case Kind::kFloat: return float_repr(k.as_double());
    default: raise_error("keys must be str, int, float, bool or None, not " + type_name(k));
  }
}

void json_dump(std::string& out, const Value& v, int indent, int level, int depth) {
  if (depth > 500) raise_error("maximum recursion depth exceeded while encoding a JSON object");
  auto newline = [&](int lvl) {
    out += '\n';
    out.append(size_t(indent) * size_t(lvl), ' ');
  };
  switch (v.kind()) {
    case Kind::kNone: out += "null"; return;
    case Kind::kBool: out += v.as_bool() ? "true" : "false"; return;
    case Kind::kInt: out += to_str(v); return;
    case Kind::kFloat: {
      double d = v.as_double();
      if (std::isnan(d)) out += "NaN";
      else if (std::isinf(d)) out += d > 0 ? "Infinity" : "-Infinity";
      else out += float_repr(d);
      return;
    }
    case Kind::kString: json_string(out, v.as_string()); return;
    case Kind::kList:
    case Kind::kTuple: {
      const auto& items = v.as_list().items;
      if (items.empty()) {
        out += "[]";
        return;
      }
      out += '[';
      for (size_t i = 0; i < items.size(); ++i) {
        if (i) out += indent >= 0 ? "," : ", ";
        if (indent >= 0) newline(level + 1);
        json_dump(out, items[i], indent, level + 1, depth + 1);
      }
      if (indent >= 0) newline(level);
      out += ']';
      return;
    }
    case Kind::kDict: {
      const auto& entries = v.as_dict().entries;
      if (entries.empty()) {
        out += "{}";
        return;
      }
      std::vector<std::pair<Value, const Value*>> sorted;
      for (const auto& [k, val] : entries) sorted.emplace_back(k, &val);
      std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return less_than(a.first, b.first); });
      out += '{';
      for (size_t i = 0; i < sorted.size(); ++i) {
        if (i) out += indent >= 0 ? "," : ", ";
        if (indent >= 0) newline(level + 1);
        json_string(out, json_key(sorted[i].first));
        out += ": ";
        json_dump(out, *sorted[i].second, indent, level + 1, depth + 1);
      }
      if (indent >= 0) newline(level);
      out += '}';
      return;
    }
    default: raise_error("Object of type " + type_name(v) + " is not JSON serializable");
  }
}

// ---- pprint ----

/// repr() with dicts sorted by key, as pprint's safe_repr does.
void sorted_repr(std::string& out, const Value& v, int depth) {
  if (depth > 200) {
    out += "...";
    return;
  }
  if (v.is_dict()) {
    std::vector<std::pair<Value, const Value*>> items;
    for (const auto& [k, val] : v.as_dict().entries) items.emplace_back(k, &val);
    std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
      try {
        return less_than(a.first, b.first);
      } catch (const DiagnosticError&) {
        return type_name(a.first) < type_name(b.first);
      }
    });
    out += '{';
    for (size_t i = 0; i < items.size(); ++i) {
      if (i) out += ", ";
      sorted_repr(out, items[i].first, depth + 1);
      out += ": ";
      sorted_repr(out, *items[i].second, depth + 1);
    }
    out += '}';
    return;
  }
  if ((v.is_list() && v.as_list().flavor == ListFlavor::kPlain) || v.is_tuple()) {
    const auto& items = v.as_list().items;
    out += v.is_list() ? '[' : '(';
    for (size_t i = 0; i < items.size(); ++i) {
      if (i) out += ", ";
      sorted_repr(out, items[i], depth + 1);
    }
    if (v.is_tuple() && items.size() == 1) out += ',';
    out += v.is_list() ? ']' : ')';
    return;
  }
  append_repr(out, v);
}

std::string safe_repr(const Value& v) {
  std::string s;
  sorted_repr(s, v, 0);
  return s;
}

class PrettyPrinter {
 public:
  std::string out;
  void format(const Value& v, size_t indent, size_t allowance, int level) {
    if (level > 100) {
      out += safe_repr(v);
      return;
    }
    std::string rep = safe_repr(v);
    size_t max_width = kWidth > indent + allowance ? kWidth - indent - allowance : 0;
    if (utf8::length(rep) > max_width) {
      if (v.is_dict() && v.as_dict().size()) return pprint_dict(v, indent, allowance, level + 1);
      if (v.is_list() && v.as_list().flavor == ListFlavor::kPlain && !v.as_list().items.empty())
        return pprint_seq(v, indent, allowance, level + 1, "[", "]");
      if (v.is_tuple() && !v.as_list().items.empty())
        return pprint_seq(v, indent, allowance, level + 1, "(", v.as_list().items.size() == 1 ? ",)" : ")");
      if (v.is_string() && !v.as_string().empty()) return pprint_str(v.as_string(), indent, allowance, level + 1);
    }
    out += rep;
  }

 private:
  static constexpr size_t kWidth = 80;

  void pprint_dict(const Value& v, size_t indent, size_t allowance, int level) {
    out += '{';
    std::vector<std::pair<Value, const Value*>> items;
    for (const auto& [k, val] : v.as_dict().entries) items.emplace_back(k, &val);
    std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
      try {
        return less_than(a.first, b.first);
      } catch (const DiagnosticError&) {
        return type_name(a.first) < type_name(b.first);
      }
    });
    indent += 1;
    allowance += 1;
    for (size_t i = 0; i < items.size(); ++i) {
      bool last = i + 1 == items.size();
      std::string rep = safe_repr(items[i].first);
      out += rep;
      out += ": ";
      format(*items[i].second, indent + utf8::length(rep) + 2, last ? allowance : 1, level);
      if (!last) out += ",\n" + std::string(indent, ' ');
    }
    out += '}';
  }

  void pprint_seq(const Value& v, size_t indent, size_t allowance, int level, const char* open, const char* close) {
    out += open;
    size_t close_len = std::string(close).size();
    indent += 1;
    allowance += close_len;
    const auto& items = v.as_list().items;
    for (size_t i = 0; i < items.size(); ++i) {
      bool last = i + 1 == items.size();
      if (i) out += ",\n" + std::string(indent, ' ');
      format(items[i], indent, last ? allowance : 1, level);
    }
    out += close;
  }

  void pprint_str(const std::string& s, size_t indent, size_t allowance, int level) {
    std::vector<std::string> chunks;
    std::vector<std::string> lines;
    {  // splitlines(keepends=True) on \n only is what matters here
      size_t start = 0;
      for (size_t i = 0; i < s.size(); ++i)
        if (s[i] == '\n') lines.push_back(s.substr(start, i + 1 - start)), start = i + 1;
      if (start < s.size()) lines.push_back(s.substr(start));
    }
    if (level == 1) {
      indent += 1;
      allowance += 1;
    }
    size_t max_width = kWidth > indent ? kWidth - indent : 0;
    size_t max_width1 = max_width;
    std::string rep;
    auto r = [](const std::string& x) {
      std::string o;
      append_string_repr(o, x);
      return o;
    };
    for (size_t i = 0; i < lines.size(); ++i) {
      rep = r(lines[i]);
      if (i + 1 == lines.size()) max_width1 = max_width1 > allowance ? max_width1 - allowance : 0;
      if (utf8::length(rep) <= max_width1) {
        chunks.push_back(rep);
        continue;
      }
      // parts: re.findall(r'\S*\s*', line) minus the final empty match
      std::vector<std::string> parts;
      const std::string& line = lines[i];
      size_t p = 0;
      while (p < line.size()) {
        size_t q = p;
        while (q < line.size() && !std::isspace(static_cast<unsigned char>(line[q]))) ++q;
        while (q < line.size() && std::isspace(static_cast<unsigned char>(line[q]))) ++q;
        parts.push_back(line.substr(p, q - p));
        p = q;
      }
      size_t max_width2 = max_width;
      std::string current;
      for (size_t j = 0; j < parts.size(); ++j) {
        std::string candidate = current + parts[j];
        if (j + 1 == parts.size() && i + 1 == lines.size()) max_width2 = max_width2 > allowance ? max_width2 - allowance : 0;
        if (utf8::length(r(candidate)) > max_width2) {
          if (!current.empty()) chunks.push_back(r(current));
          current = parts[j];
        } else {
          current = candidate;
        }
      }
      if (!current.empty()) chunks.push_back(r(current));
    }
    if (chunks.size() == 1) {
      out += rep;
      return;
    }
    if (level == 1) out += '(';
    for (size_t i = 0; i < chunks.size(); ++i) {
      if (i) out += "\n" + std::string(indent, ' ');
      out += chunks[i];
    }
    if (level == 1) out += ')';
  }
};

}  // namespace

void register_misc_filters(Registry& reg) {
  auto dflt = [](Renderer&, const Value& v, CallArgs& a) {
    auto x = bind_args("default", a, {"default_value", "boolean"});
    Value fallback = x[0].is_undefined() ? Value(std::string()) : x[0];
    if (v.is_undefined() || (x[1].truthy() && !v.truthy())) return fallback;
    return v;
  };
  reg.add_filter("default", dflt);
  reg.add_filter("d", dflt);
  reg.add_filter("attr", [](Renderer& r, const Value& v, CallArgs& a) {
    auto x = bind_args("attr", a, {"name"}, 1);
    std::string name = soft_str(x[0]);
    if (v.is_undefined()) raise_undefined(v);
    Value out;
    if (v.is_object() && v.as_object()->getattr(name, out)) return out;
    if (v.is_tuple() && v.as_list().field_names()) return r.getattr(v, name);
    if (has_method(v, name)) return r.getattr(v, name);
    std::string shown;
    append_string_repr(shown, name);
    return r.make_undefined(v.is_none() ? "'None' has no attribute " + shown : "'" + type_name(v) + " object' has no attribute " + shown);
  });
  reg.add_filter("tojson", [](Renderer& r, const Value& v, CallArgs& a) {
    auto x = bind_args("tojson", a, {"indent"});
    int indent = x[0].is_undefined() || x[0].is_none() ? -1 : int(std::min<int64_t>(int_arg(x[0], "indent"), 1000));
    std::string out;
    json_dump(out, v, indent, 0, 0);
    if (out.size() > r.max_bytes()) raise_error("string too large", kLimitErrorCode);
    return Value(std::move(out));
  });
  reg.add_filter("pprint", [](Renderer&, const Value& v, CallArgs& a) {
    bind_args("pprint", a, {});
    PrettyPrinter p;
    p.format(v, 0, 0, 0);
    return Value(std::move(p.out));
  });
}

}  // namespace restack::tmpl
