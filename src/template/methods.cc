// The methods of str, list, tuple and dict that templates call: 'a'.upper(), d.items()...
#include <algorithm>
#include <cstring>

#include "template/errors.h"
#include "template/format.h"
#include "template/objects.h"
#include "template/operators.h"
#include "template/string_ops.h"
#include "template/utf8.h"

namespace restack::tmpl {

namespace {

constexpr std::string_view kStrMethods[] = {"upper", "lower", "strip", "lstrip", "rstrip", "split", "rsplit", "join", "replace",
                                            "startswith", "endswith", "format", "title", "capitalize", "count", "find", "rfind",
                                            "index", "rindex", "isdigit", "isalpha", "isalnum", "isupper", "islower", "isspace",
                                            "istitle", "isnumeric", "isdecimal", "isidentifier", "center", "ljust", "rjust",
                                            "zfill", "splitlines", "swapcase", "casefold", "partition", "rpartition",
                                            "removeprefix", "removesuffix", "format_map", "expandtabs", "isascii"};
constexpr std::string_view kListMethods[] = {"append", "extend", "pop", "insert", "remove", "index", "count", "copy", "reverse",
                                             "sort", "clear"};
constexpr std::string_view kTupleMethods[] = {"index", "count"};
constexpr std::string_view kDictMethods[] = {"items", "keys", "values", "get", "pop", "update", "copy", "setdefault", "clear",
                                             "popitem"};

template <size_t N>
bool in_list(const std::string_view (&list)[N], std::string_view name) {
  for (std::string_view m : list)
    if (name == m) return true;
  return false;
}

}  // namespace

/// dict attribute access (`info.type`) asks first whether the name is a method: most names are
/// not, and their first letter says so without comparing against every method name.
bool is_dict_method(std::string_view name) {
  if (name.size() < 3 || name.size() > 10) return false;
  switch (name[0]) {
    case 'c': case 'g': case 'i': case 'k': case 'p': case 's': case 'u': case 'v': return in_list(kDictMethods, name);
    default: return false;
  }
}

namespace {

std::string arg_str(const Value& v, const char* method) {
  if (!v.is_string()) raise_error(std::string(method) + "() argument must be str, not " + type_name(v));
  return v.as_string();
}

int64_t arg_int(const Value& v) {
  if (!(v.is_int() || v.is_bool())) raise_error("'" + type_name(v) + "' object cannot be interpreted as an integer");
  return v.as_int();
}

bool all_chars(const std::string& s, bool (*pred)(char32_t)) {
  if (s.empty()) return false;
  for (char32_t c : utf8::decode(s))
    if (!pred(c)) return false;
  return true;
}

bool affix_match(const std::string& s, const Value& affix, bool prefix, const char* method) {
  auto one = [&](const Value& a) {
    if (!a.is_string())
      raise_error(std::string(method) + " first arg must be str or a tuple of str, not " + type_name(a));
    return prefix ? strops::starts_with(s, a.as_string()) : strops::ends_with(s, a.as_string());
  };
  if (affix.is_tuple()) {
    for (const auto& a : affix.as_list().items)
      if (one(a)) return true;
    return false;
  }
  return one(affix);
}

Value str_method(Renderer& r, const std::string& s, std::string_view name, CallArgs& a) {
  auto args = [&](std::initializer_list<const char*> names, size_t required = 0) {
    return bind_args(std::string(name).c_str(), a, names, required);
  };
  if (name == "upper") return Value(utf8::upper(s));
  if (name == "lower" || name == "casefold") return Value(utf8::lower(s));
  if (name == "strip" || name == "lstrip" || name == "rstrip") {
    auto x = args({"chars"});
    std::string chars;
    const std::string* cp = nullptr;
    if (!x[0].is_undefined() && !x[0].is_none()) chars = arg_str(x[0], "strip"), cp = &chars;
    return Value(strops::strip(s, name != "rstrip", name != "lstrip", cp));
  }
  if (name == "split" || name == "rsplit") {
    auto x = args({"sep", "maxsplit"});
    std::string sep;
    const std::string* sp = nullptr;
    if (!x[0].is_undefined() && !x[0].is_none()) {
      sep = arg_str(x[0], "split");
      if (sep.empty()) raise_error("empty separator");
      sp = &sep;
    }
    int64_t maxsplit = x[1].is_undefined() ? -1 : arg_int(x[1]);
    auto parts = name == "split" ? strops::split(s, sp, maxsplit) : strops::rsplit(s, sp, maxsplit);
    std::vector<Value> out;
    for (auto& p : parts) out.emplace_back(std::move(p));
    return Value::list(std::move(out));
  }
  if (name == "join") {
    auto x = args({"iterable"}, 1);
    std::string out;
    bool first = true;
    for (const auto& item : iterate(x[0])) {
      if (!item.is_string()) raise_error("sequence item: expected str instance, " + type_name(item) + " found");
      if (!first) out += s;
      first = false;
      out += item.as_string();
      if (out.size() > r.max_bytes()) raise_error("string too large", kLimitErrorCode);
    }
    return Value(std::move(out));
  }
  if (name == "replace") {
    auto x = args({"old", "new", "count"}, 2);
    int64_t count = x[2].is_undefined() ? -1 : arg_int(x[2]);
    std::string out = strops::replace(s, arg_str(x[0], "replace"), arg_str(x[1], "replace"), count);
    if (out.size() > r.max_bytes()) raise_error("string too large", kLimitErrorCode);
    return Value(std::move(out));
  }
  if (name == "startswith" || name == "endswith") {
    auto x = args({"affix", "start", "end"}, 1);
    std::string sub = s;
    if (!x[1].is_undefined() || !x[2].is_undefined()) {
      std::u32string u = utf8::decode(s);
      int64_t len = int64_t(u.size());
      int64_t b = x[1].is_undefined() || x[1].is_none() ? 0 : arg_int(x[1]);
      int64_t e = x[2].is_undefined() || x[2].is_none() ? len : arg_int(x[2]);
      if (b < 0) b = std::max<int64_t>(0, b + len);
      if (e < 0) e = std::max<int64_t>(0, e + len);
      b = std::min(b, len);
      e = std::min(e, len);
      if (b > e) return Value(false);
      sub = utf8::encode(u.substr(size_t(b), size_t(e - b)));
    }
    return Value(affix_match(sub, x[0], name == "startswith", std::string(name).c_str()));
  }
  if (name == "format") return Value(str_format(s, a, r.max_bytes()));
  if (name == "format_map") {
    auto x = args({"mapping"}, 1);
    CallArgs kw;
    if (x[0].is_dict())
      for (const auto& [k, v] : x[0].as_dict().entries) kw.kwargs.emplace_back(to_str(k), v);
    return Value(str_format(s, kw, r.max_bytes()));
  }
  if (name == "title") return Value(strops::title(s));
  if (name == "capitalize") return Value(strops::capitalize(s));
  if (name == "swapcase") return Value(strops::swapcase(s));
  if (name == "count") {
    auto x = args({"sub"}, 1);
    std::string sub = arg_str(x[0], "count");
    if (sub.empty()) return Value(int64_t(utf8::length(s) + 1));
    int64_t n = 0;
    for (size_t p = s.find(sub); p != std::string::npos; p = s.find(sub, p + sub.size())) ++n;
    return Value(n);
  }
  if (name == "find" || name == "index" || name == "rfind" || name == "rindex") {
    auto x = args({"sub"}, 1);
    std::string sub = arg_str(x[0], "find");
    size_t p = (name == "find" || name == "index") ? s.find(sub) : s.rfind(sub);
    if (p == std::string::npos) {
      if (name == "index" || name == "rindex") raise_error("substring not found");
      return Value(int64_t(-1));
    }
    return Value(int64_t(utf8::length(s.substr(0, p))));
  }
  if (name == "isdigit" || name == "isnumeric" || name == "isdecimal") return Value(all_chars(s, utf8::is_digit));
  if (name == "isalpha") return Value(all_chars(s, utf8::is_alpha));
  if (name == "isalnum") return Value(all_chars(s, utf8::is_alnum));
  if (name == "isspace") return Value(all_chars(s, utf8::is_space));
  if (name == "isascii") return Value(utf8::is_ascii(s));
  if (name == "isupper" || name == "islower") {
    bool cased = false, ok = true;
    for (char32_t c : utf8::decode(s)) {
      if (utf8::is_upper(c)) {
        cased = true;
        if (name == "islower") ok = false;
      } else if (utf8::is_lower(c)) {
        cased = true;
        if (name == "isupper") ok = false;
      }
    }
    return Value(cased && ok);
  }
  if (name == "istitle") return Value(!s.empty() && strops::title(s) == s && s != utf8::lower(s));
  if (name == "isidentifier") {
    bool ok = !s.empty() && !utf8::is_digit(utf8::decode(s)[0]);
    for (char32_t c : utf8::decode(s)) ok = ok && utf8::is_word(c);
    return Value(ok);
  }
  if (name == "center" || name == "ljust" || name == "rjust") {
    auto x = args({"width", "fillchar"}, 1);
    int64_t width = arg_int(x[0]);
    if (width > int64_t(r.max_bytes())) raise_error("width too large", kLimitErrorCode);
    std::string fill = x[1].is_undefined() ? " " : arg_str(x[1], std::string(name).c_str());
    if (utf8::length(fill) != 1) raise_error("The fill character must be exactly one character long");
    size_t len = utf8::length(s);
    if (width <= int64_t(len)) return Value(s);
    if (name == "center") return Value(strops::center(s, size_t(width), fill));
    std::string pad;
    for (size_t i = len; i < size_t(width); ++i) pad += fill;
    return Value(name == "ljust" ? s + pad : pad + s);
  }
  if (name == "zfill") {
    auto x = args({"width"}, 1);
    int64_t width = arg_int(x[0]);
    if (width > int64_t(r.max_bytes())) raise_error("width too large", kLimitErrorCode);
    size_t len = utf8::length(s);
    if (width <= int64_t(len)) return Value(s);
    std::string out = s;
    size_t at = (!out.empty() && (out[0] == '-' || out[0] == '+')) ? 1 : 0;
    out.insert(at, size_t(width) - len, '0');
    return Value(out);
  }
  if (name == "splitlines") {
    auto x = args({"keepends"});
    std::vector<Value> out;
    for (auto& l : strops::splitlines(s, x[0].truthy())) out.emplace_back(std::move(l));
    return Value::list(std::move(out));
  }
  if (name == "partition" || name == "rpartition") {
    auto x = args({"sep"}, 1);
    std::string sep = arg_str(x[0], "partition");
    if (sep.empty()) raise_error("empty separator");
    size_t p = name == "partition" ? s.find(sep) : s.rfind(sep);
    if (p == std::string::npos) {
      if (name == "partition") return Value::tuple({Value(s), Value(""), Value("")});
      return Value::tuple({Value(""), Value(""), Value(s)});
    }
    return Value::tuple({Value(s.substr(0, p)), Value(sep), Value(s.substr(p + sep.size()))});
  }
  if (name == "removeprefix") {
    auto x = args({"prefix"}, 1);
    std::string p = arg_str(x[0], "removeprefix");
    return Value(strops::starts_with(s, p) ? s.substr(p.size()) : s);
  }
  if (name == "removesuffix") {
    auto x = args({"suffix"}, 1);
    std::string p = arg_str(x[0], "removesuffix");
    return Value(!p.empty() && strops::ends_with(s, p) ? s.substr(0, s.size() - p.size()) : s);
  }
  if (name == "expandtabs") {
    auto x = args({"tabsize"});
    int64_t tab = x[0].is_undefined() ? 8 : arg_int(x[0]);
    std::string out;
    int64_t col = 0;
    for (char32_t c : utf8::decode(s)) {
      if (c == '\t') {
        if (tab > 0) {
          int64_t n = tab - col % tab;
          out.append(size_t(n), ' ');
          col += n;
        }
      } else if (c == '\n' || c == '\r') {
        utf8::append(out, c);
        col = 0;
      } else {
        utf8::append(out, c);
        ++col;
      }
    }
    return Value(out);
  }
  raise_error("'str' object has no attribute '" + std::string(name) + "'");
}

Value list_method(Renderer& r, const Value& self, std::string_view name, CallArgs& a) {
  auto args = [&](std::initializer_list<const char*> names, size_t required = 0) {
    return bind_args(std::string(name).c_str(), a, names, required);
  };
  auto& items = self.as_list().items;
  if (name == "count") {
    auto x = args({"value"}, 1);
    int64_t n = 0;
    for (const auto& v : items) n += equals(v, x[0]);
    return Value(n);
  }
  if (name == "index") {
    auto x = args({"value"}, 1);
    for (size_t i = 0; i < items.size(); ++i)
      if (equals(items[i], x[0])) return Value(int64_t(i));
    raise_error(self.is_tuple() ? "tuple.index(x): x not in tuple" : repr(x[0]) + " is not in list");
  }
  if (self.is_tuple()) raise_error("'tuple' object has no attribute '" + std::string(name) + "'");
  if (name == "append") {
    auto x = args({"object"}, 1);
    if (items.size() >= r.max_bytes() / 16) raise_error("list too large", kLimitErrorCode);
    items.push_back(x[0]);
    return Value::none();
  }
  if (name == "extend") {
    auto x = args({"iterable"}, 1);
    std::vector<Value> more = iterate(x[0]);
    if (items.size() + more.size() >= r.max_bytes() / 16) raise_error("list too large", kLimitErrorCode);
    items.insert(items.end(), more.begin(), more.end());
    return Value::none();
  }
  if (name == "pop") {
    auto x = args({"index"});
    if (items.empty()) raise_error("pop from empty list");
    int64_t i = x[0].is_undefined() ? int64_t(items.size()) - 1 : arg_int(x[0]);
    if (i < 0) i += int64_t(items.size());
    if (i < 0 || i >= int64_t(items.size())) raise_error("pop index out of range");
    Value v = items[size_t(i)];
    items.erase(items.begin() + i);
    return v;
  }
  if (name == "insert") {
    auto x = args({"index", "object"}, 2);
    int64_t i = arg_int(x[0]);
    int64_t n = int64_t(items.size());
    if (i < 0) i = std::max<int64_t>(0, i + n);
    i = std::min(i, n);
    items.insert(items.begin() + i, x[1]);
    return Value::none();
  }
  if (name == "remove") {
    auto x = args({"value"}, 1);
    for (size_t i = 0; i < items.size(); ++i) {
      if (equals(items[i], x[0])) {
        items.erase(items.begin() + long(i));
        return Value::none();
      }
    }
    raise_error("list.remove(x): x not in list");
  }
  if (name == "copy") return Value::list(items);
  if (name == "reverse") {
    std::reverse(items.begin(), items.end());
    return Value::none();
  }
  if (name == "clear") {
    items.clear();
    return Value::none();
  }
  if (name == "sort") {
    auto x = args({"key", "reverse"});
    if (!x[0].is_undefined() && !x[0].is_none()) raise_error("list.sort(key=...) is not supported in templates");
    bool rev = x[1].truthy();
    std::stable_sort(items.begin(), items.end(), [&](const Value& p, const Value& q) {
      return rev ? less_than(q, p) : less_than(p, q);
    });
    return Value::none();
  }
  raise_error("'list' object has no attribute '" + std::string(name) + "'");
}

Value dict_method(Renderer&, const Value& self, std::string_view name, CallArgs& a) {
  auto args = [&](std::initializer_list<const char*> names, size_t required = 0) {
    return bind_args(std::string(name).c_str(), a, names, required);
  };
  auto& d = self.as_dict();
  if (name == "items" || name == "keys" || name == "values") {
    args({});
    std::vector<Value> out;
    out.reserve(d.size());
    for (const auto& [k, v] : d.entries) {
      if (name == "items") out.push_back(Value::tuple({k, v}));
      else out.push_back(name == "keys" ? k : v);
    }
    ListFlavor flavor = name == "items" ? ListFlavor::kDictItems : name == "keys" ? ListFlavor::kDictKeys : ListFlavor::kDictValues;
    return Value::view(flavor, std::move(out));
  }
  if (name == "get") {
    auto x = args({"key", "default"}, 1);
    if (x[0].is_list() || x[0].is_dict()) raise_error("unhashable type: '" + type_name(x[0]) + "'");
    const Value* v = d.find(x[0]);
    if (v) return *v;
    return x[1].is_undefined() ? Value::none() : x[1];
  }
  if (name == "pop") {
    auto x = args({"key", "default"}, 1);
    const Value* v = d.find(x[0]);
    if (v) {
      Value out = *v;
      d.erase(x[0]);
      return out;
    }
    if (!x[1].is_undefined()) return x[1];
    raise_error(repr(x[0]));
  }
  if (name == "setdefault") {
    auto x = args({"key", "default"}, 1);
    const Value* v = d.find(x[0]);
    if (v) return *v;
    Value dflt = x[1].is_undefined() ? Value::none() : x[1];
    d.set(x[0], dflt);
    return dflt;
  }
  if (name == "update") {
    if (a.args.size() > 1) raise_error("update expected at most 1 argument, got " + std::to_string(a.args.size()));
    if (!a.args.empty()) {
      const Value& src = a.args[0];
      if (src.is_dict()) {
        for (const auto& [k, v] : src.as_dict().entries) d.set(k, v);
      } else {
        for (const auto& item : iterate(src)) {
          auto pair = iterate(item);
          if (pair.size() != 2) raise_error("dictionary update sequence element has length " + std::to_string(pair.size()) + "; 2 is required");
          d.set(pair[0], pair[1]);
        }
      }
    }
    for (auto& [k, v] : a.kwargs) d.set(Value(k), v);
    return Value::none();
  }
  if (name == "copy") {
    Value out = Value::dict();
    for (const auto& [k, v] : d.entries) out.as_dict().set(k, v);
    return out;
  }
  if (name == "clear") {
    while (d.size()) d.erase(d.entries.back().first);
    return Value::none();
  }
  if (name == "popitem") {
    if (!d.size()) raise_error("'popitem(): dictionary is empty'");
    auto last = d.entries.back();
    d.erase(last.first);
    return Value::tuple({last.first, last.second});
  }
  raise_error("'dict' object has no attribute '" + std::string(name) + "'");
}

}  // namespace

bool has_method(const Value& obj, std::string_view name) {
  switch (obj.kind()) {
    case Kind::kString: return in_list(kStrMethods, name);
    case Kind::kList: return obj.as_list().flavor == ListFlavor::kPlain ? in_list(kListMethods, name) : false;
    case Kind::kTuple: return in_list(kTupleMethods, name);
    case Kind::kDict: return is_dict_method(name);
    default: return false;
  }
}

bool call_method(Renderer& r, const Value& obj, std::string_view name, CallArgs& args, Value& out) {
  if (!has_method(obj, name)) return false;
  switch (obj.kind()) {
    case Kind::kString: out = str_method(r, obj.as_string(), name, args); return true;
    case Kind::kList:
    case Kind::kTuple: out = list_method(r, obj, name, args); return true;
    case Kind::kDict: out = dict_method(r, obj, name, args); return true;
    default: return false;
  }
}

}  // namespace restack::tmpl
