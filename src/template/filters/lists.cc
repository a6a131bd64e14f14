// Sequence filters: first, last, length, list, join, sort, unique, reverse, batch, slice, map,
// select/reject(attr), groupby, dictsort, items, sum, min, max.
#include <algorithm>

#include "template/filters/helpers.h"
#include "template/operators.h"

namespace restack::tmpl {

namespace {

using filters::AttrGetter;
using filters::ignore_case;
using filters::int_arg;
using filters::soft_str;

/// Python's sorted() with KEY, stable, reversed like sorted(reverse=True).
void sort_by_keys(std::vector<Value>& items, std::vector<Value>& keys, bool reverse) {
  std::vector<size_t> order(items.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return reverse ? less_than(keys[b], keys[a]) : less_than(keys[a], keys[b]);
  });
  std::vector<Value> sorted;
  sorted.reserve(items.size());
  for (size_t i : order) sorted.push_back(items[i]);
  items = std::move(sorted);
}

/// make_multi_attrgetter: "a,b" gives a list key [item.a, item.b].
Value multi_key(Renderer& r, const std::vector<AttrGetter>& getters, const Value& item, bool case_sensitive) {
  std::vector<Value> parts;
  for (const auto& g : getters) parts.push_back(case_sensitive ? g(item) : ignore_case(g(item)));
  return Value::list(std::move(parts));
}

Value do_sort(Renderer& r, const Value& self, CallArgs& a) {
  auto x = bind_args("sort", a, {"reverse", "case_sensitive", "attribute"});
  std::vector<Value> items = iterate(self);
  std::vector<AttrGetter> getters;
  if (x[2].is_string()) {
    const std::string& s = x[2].as_string();
    size_t start = 0;
    for (;;) {
      size_t comma = s.find(',', start);
      getters.emplace_back(r, Value(s.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  } else {
    getters.emplace_back(r, x[2]);
  }
  std::vector<Value> keys;
  keys.reserve(items.size());
  for (const auto& item : items) keys.push_back(multi_key(r, getters, item, x[1].truthy()));
  sort_by_keys(items, keys, x[0].truthy());
  return Value::list(std::move(items));
}

/// dictsort's common case: every sort key is an ASCII string. Lower-casing and comparing
/// happen byte by byte in place (for ASCII, byte order is code point order, Python's str
/// order), without a lowered copy of each key. Fills OUT and returns true, or returns false
/// (OUT untouched) when a key is not an ASCII string.
bool dictsort_ascii(const std::vector<std::pair<Value, Value>>& entries, size_t pos, bool case_sensitive, bool reverse,
                    std::vector<Value>& out) {
  std::vector<std::string_view> keys;
  keys.reserve(entries.size());
  for (const auto& entry : entries) {
    const Value& key = pos == 0 ? entry.first : entry.second;
    if (!key.is_string() || !utf8::is_ascii(key.as_string())) return false;
    keys.push_back(key.as_string());
  }
  auto fold = [case_sensitive](char c) { return !case_sensitive && c >= 'A' && c <= 'Z' ? char(c + 32) : c; };
  auto less = [&](std::string_view a, std::string_view b) {
    size_t n = std::min(a.size(), b.size());
    for (size_t i = 0; i < n; ++i) {
      char ca = fold(a[i]), cb = fold(b[i]);
      if (ca != cb) return ca < cb;
    }
    return a.size() < b.size();
  };
  std::vector<size_t> order(entries.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return reverse ? less(keys[b], keys[a]) : less(keys[a], keys[b]); });
  for (size_t i : order) out.push_back(Value::tuple({entries[i].first, entries[i].second}));
  return true;
}

Value do_dictsort(Renderer&, const Value& self, CallArgs& a) {
  auto x = bind_args("dictsort", a, {"case_sensitive", "by", "reverse"});
  if (!self.is_dict()) {
    if (self.is_undefined()) raise_undefined(self);
    raise_error("'" + type_name(self) + "' object has no attribute 'items'");
  }
  std::string by = x[1].is_undefined() ? "key" : soft_str(x[1]);
  size_t pos;
  if (by == "key") pos = 0;
  else if (by == "value") pos = 1;
  else raise_error("You can only sort by either \"key\" or \"value\"");
  const auto& entries = self.as_dict().entries;
  std::vector<Value> items, keys;
  items.reserve(entries.size());
  if (dictsort_ascii(entries, pos, x[0].truthy(), x[2].truthy(), items)) return Value::list(std::move(items));
  keys.reserve(entries.size());
  for (const auto& [k, v] : entries) {
    items.push_back(Value::tuple({k, v}));
    const Value& key = pos == 0 ? k : v;
    keys.push_back(x[0].truthy() ? key : ignore_case(key));
  }
  sort_by_keys(items, keys, x[2].truthy());
  return Value::list(std::move(items));
}

Value do_unique(Renderer& r, const Value& self, CallArgs& a) {
  auto x = bind_args("unique", a, {"case_sensitive", "attribute"});
  AttrGetter get(r, x[1]);
  std::vector<Value> seen, out;
  DictData seen_set;
  for (const auto& item : iterate(self)) {
    Value key = get(item);
    if (!x[0].truthy()) key = ignore_case(key);
    if (seen_set.find(key)) continue;
    seen_set.set(key, Value(true));
    out.push_back(item);
  }
  return Value::list(std::move(out));
}

Value min_or_max(Renderer& r, const Value& self, CallArgs& a, bool is_min) {
  auto x = bind_args(is_min ? "min" : "max", a, {"case_sensitive", "attribute"});
  std::vector<Value> items = iterate(self);
  if (items.empty()) return r.make_undefined("No aggregated item, sequence was empty.");
  AttrGetter get(r, x[1]);
  auto key = [&](const Value& v) { return x[0].truthy() ? get(v) : ignore_case(get(v)); };
  size_t best = 0;
  Value best_key = key(items[0]);
  for (size_t i = 1; i < items.size(); ++i) {
    Value k = key(items[i]);
    if (is_min ? less_than(k, best_key) : less_than(best_key, k)) {
      best = i;
      best_key = k;
    }
  }
  return items[best];
}

Value do_groupby(Renderer& r, const Value& self, CallArgs& a) {
  auto x = bind_args("groupby", a, {"attribute", "default", "case_sensitive"}, 1);
  AttrGetter get(r, x[0], x[1].is_none() ? Value() : x[1]);
  bool cs = x[2].truthy();
  std::vector<Value> items = iterate(self);
  std::vector<Value> keys;
  for (const auto& item : items) keys.push_back(cs ? get(item) : ignore_case(get(item)));
  std::vector<Value> sorted_keys = keys;
  {
    std::vector<size_t> order(items.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t p, size_t q) { return less_than(keys[p], keys[q]); });
    std::vector<Value> si, sk;
    for (size_t i : order) si.push_back(items[i]), sk.push_back(keys[i]);
    items = std::move(si);
    sorted_keys = std::move(sk);
  }
  static const auto kNames = std::make_shared<const std::vector<std::string>>(std::vector<std::string>{"grouper", "list"});
  std::vector<Value> groups;
  size_t i = 0;
  while (i < items.size()) {
    size_t j = i;
    std::vector<Value> members;
    while (j < items.size() && equals(sorted_keys[j], sorted_keys[i])) members.push_back(items[j++]);
    Value grouper = cs ? sorted_keys[i] : get(members[0]);
    groups.push_back(Value::named_tuple({grouper, Value::list(std::move(members))}, kNames));
    i = j;
  }
  return Value::list(std::move(groups));
}

Value do_map(Renderer& r, const Value& self, CallArgs& a) {
  std::vector<Value> items = iterate(self);
  std::vector<Value> out;
  out.reserve(items.size());
  bool has_attribute = false;
  for (const auto& [k, v] : a.kwargs) has_attribute = has_attribute || k == "attribute";
  if (a.args.empty() && has_attribute) {
    Value attribute, dflt;
    for (const auto& [k, v] : a.kwargs) {
      if (k == "attribute") attribute = v;
      else if (k == "default") dflt = v;
      else raise_error("Unexpected keyword argument '" + k + "'");
    }
    AttrGetter get(r, attribute, dflt.is_none() ? Value() : dflt);
    for (const auto& item : items) out.push_back(get(item));
    return Value::list(std::move(out));
  }
  if (a.args.empty()) raise_error("map requires a filter argument");
  std::string name = soft_str(a.args[0]);
  CallArgs rest;
  rest.args.assign(a.args.begin() + 1, a.args.end());
  rest.kwargs = a.kwargs;
  for (const auto& item : items) {
    CallArgs call = rest;
    out.push_back(r.call_filter(name, item, call));
  }
  return Value::list(std::move(out));
}

Value select_or_reject(Renderer& r, const Value& self, CallArgs& a, bool select, bool lookup_attr) {
  size_t off = 0;
  std::unique_ptr<AttrGetter> get;
  if (lookup_attr) {
    if (a.args.empty()) raise_error("Missing parameter for attribute name");
    get = std::make_unique<AttrGetter>(r, a.args[0]);
    off = 1;
  }
  bool has_test = a.args.size() > off;
  std::string test = has_test ? soft_str(a.args[off]) : "";
  CallArgs rest;
  if (has_test) rest.args.assign(a.args.begin() + long(off) + 1, a.args.end());
  rest.kwargs = a.kwargs;
  std::vector<Value> out;
  for (const auto& item : iterate(self)) {
    Value v = get ? (*get)(item) : item;
    bool ok;
    if (has_test) {
      CallArgs call = rest;
      ok = r.call_test(test, v, call);
    } else {
      ok = v.truthy();
    }
    if (ok == select) out.push_back(item);
  }
  return Value::list(std::move(out));
}

Value do_batch(Renderer&, const Value& self, CallArgs& a) {
  auto x = bind_args("batch", a, {"linecount", "fill_with"}, 1);
  int64_t n = int_arg(x[0], "linecount");
  if (n <= 0) raise_error("batch size must be positive");
  std::vector<Value> out, tmp;
  for (const auto& item : iterate(self)) {
    if (int64_t(tmp.size()) == n) {
      out.push_back(Value::list(std::move(tmp)));
      tmp.clear();
    }
    tmp.push_back(item);
  }
  if (!tmp.empty()) {
    if (!x[1].is_undefined() && !x[1].is_none())
      while (int64_t(tmp.size()) < n) tmp.push_back(x[1]);
    out.push_back(Value::list(std::move(tmp)));
  }
  return Value::list(std::move(out));
}

Value do_slice(Renderer& r, const Value& self, CallArgs& a) {
  auto x = bind_args("slice", a, {"slices", "fill_with"}, 1);
  int64_t slices = int_arg(x[0], "slices");
  if (slices <= 0) raise_error("integer division or modulo by zero");
  if (slices > int64_t(r.options().max_loop_iterations)) raise_error("too many slices", kLimitErrorCode);
  std::vector<Value> seq = iterate(self);
  int64_t length = int64_t(seq.size());
  int64_t per = length / slices, extra = length % slices, offset = 0;
  std::vector<Value> out;
  for (int64_t k = 0; k < slices; ++k) {
    int64_t start = offset + k * per;
    if (k < extra) ++offset;
    int64_t end = offset + (k + 1) * per;
    std::vector<Value> tmp(seq.begin() + start, seq.begin() + end);
    if (!x[1].is_undefined() && !x[1].is_none() && k >= extra) tmp.push_back(x[1]);
    out.push_back(Value::list(std::move(tmp)));
  }
  return Value::list(std::move(out));
}

}  // namespace

void register_list_filters(Registry& reg) {
  reg.add_filter("first", [](Renderer& r, const Value& v, CallArgs& a) {
    bind_args("first", a, {});
    if (v.is_sequence()) {
      const auto& items = v.as_list().items;
      return items.empty() ? r.make_undefined("No first item, sequence was empty.") : items.front();
    }
    auto items = iterate(v);
    return items.empty() ? r.make_undefined("No first item, sequence was empty.") : items.front();
  });
  reg.add_filter("last", [](Renderer& r, const Value& v, CallArgs& a) {
    bind_args("last", a, {});
    auto items = iterate(v);
    return items.empty() ? r.make_undefined("No last item, sequence was empty.") : items.back();
  });
  auto length = [](Renderer&, const Value& v, CallArgs& a) {
    bind_args("length", a, {});
    int64_t n;
    if (!length_of(v, n)) raise_error("object of type '" + type_name(v) + "' has no len()");
    return Value(n);
  };
  reg.add_filter("length", length);
  reg.add_filter("count", length);
  reg.add_filter("list", [](Renderer&, const Value& v, CallArgs& a) {
    bind_args("list", a, {});
    return Value::list(iterate(v));
  });
  reg.add_filter("join", [](Renderer& r, const Value& v, CallArgs& a) {
    auto x = bind_args("join", a, {"d", "attribute"});
    std::string sep = x[0].is_undefined() ? "" : soft_str(x[0]);
    AttrGetter get(r, x[1]);
    std::string out;
    bool first = true;
    for (const auto& item : iterate(v)) {
      if (!first) out += sep;
      first = false;
      out += soft_str(get.empty() ? item : get(item));
      if (out.size() > r.max_bytes()) raise_error("string too large", kLimitErrorCode);
    }
    return Value(std::move(out));
  });
  reg.add_filter("sort", do_sort);
  reg.add_filter("dictsort", do_dictsort);
  reg.add_filter("unique", do_unique);
  reg.add_filter("min", [](Renderer& r, const Value& v, CallArgs& a) { return min_or_max(r, v, a, true); });
  reg.add_filter("max", [](Renderer& r, const Value& v, CallArgs& a) { return min_or_max(r, v, a, false); });
  reg.add_filter("groupby", do_groupby);
  reg.add_filter("map", do_map);
  reg.add_filter("select", [](Renderer& r, const Value& v, CallArgs& a) { return select_or_reject(r, v, a, true, false); });
  reg.add_filter("reject", [](Renderer& r, const Value& v, CallArgs& a) { return select_or_reject(r, v, a, false, false); });
  reg.add_filter("selectattr", [](Renderer& r, const Value& v, CallArgs& a) { return select_or_reject(r, v, a, true, true); });
  reg.add_filter("rejectattr", [](Renderer& r, const Value& v, CallArgs& a) { return select_or_reject(r, v, a, false, true); });
  reg.add_filter("batch", do_batch);
  reg.add_filter("slice", do_slice);
  reg.add_filter("reverse", [](Renderer&, const Value& v, CallArgs& a) {
    bind_args("reverse", a, {});
    if (v.is_string()) {
      std::u32string u = utf8::decode(v.as_string());
      std::reverse(u.begin(), u.end());
      return Value(utf8::encode(u));
    }
    auto items = iterate(v);
    std::reverse(items.begin(), items.end());
    return Value::list(std::move(items));
  });
  reg.add_filter("items", [](Renderer&, const Value& v, CallArgs& a) {
    bind_args("items", a, {});
    if (v.is_undefined()) return Value::list();
    if (!v.is_dict()) raise_error("Can only get item pairs from a mapping.");
    std::vector<Value> out;
    for (const auto& [k, val] : v.as_dict().entries) out.push_back(Value::tuple({k, val}));
    return Value::list(std::move(out));
  });
  reg.add_filter("sum", [](Renderer& r, const Value& v, CallArgs& a) {
    auto x = bind_args("sum", a, {"attribute", "start"});
    AttrGetter get(r, x[0]);
    Value total = x[1].is_undefined() ? Value(int64_t(0)) : x[1];
    for (const auto& item : iterate(v)) {
      Value term = get.empty() ? item : get(item);
      if (total.is_string()) raise_error("sum() can't sum strings [use ''.join(seq) instead]");
      total = binary_op(BinaryOp::kAdd, total, term, r.max_bytes());
    }
    return total;
  });
}

}  // namespace restack::tmpl
