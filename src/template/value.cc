#include "template/value.h"

#include <algorithm>

#include "template/errors.h"

namespace restack::tmpl {

std::string Object::repr() const { return "<" + type_name() + " object>"; }
bool Object::getattr(std::string_view, Value&) const { return false; }
Value Object::call(Renderer&, CallArgs&) { raise_error("'" + type_name() + "' object is not callable"); }

Value::Value(std::string s) : kind_(Kind::kString), ptr_(std::make_shared<std::string>(std::move(s))) {}

Value::Value(std::shared_ptr<Object> o) : kind_(Kind::kObject), ptr_(std::move(o)) {}

Value Value::undefined(std::string message, bool strict) {
  Value v;
  v.ptr_ = std::make_shared<UndefinedInfo>(UndefinedInfo{std::move(message), strict});
  return v;
}

Value Value::list(std::vector<Value> items) {
  Value v;
  v.kind_ = Kind::kList;
  auto data = std::make_shared<ListData>();
  data->items = std::move(items);
  v.ptr_ = std::move(data);
  return v;
}

Value Value::tuple(std::vector<Value> items) {
  Value v = list(std::move(items));
  v.kind_ = Kind::kTuple;
  return v;
}

Value Value::dict() {
  Value v;
  v.kind_ = Kind::kDict;
  v.ptr_ = std::make_shared<DictData>();
  return v;
}

Value Value::range_list(int64_t start, int64_t stop, int64_t step, std::vector<Value> items) {
  Value v = list(std::move(items));
  auto& d = v.as_list();
  d.flavor = ListFlavor::kRange;
  d.range_start = start;
  d.range_stop = stop;
  d.range_step = step;
  return v;
}

Value Value::view(ListFlavor flavor, std::vector<Value> items) {
  Value v = list(std::move(items));
  v.as_list().flavor = flavor;
  return v;
}

Value Value::named_tuple(std::vector<Value> items, std::shared_ptr<const std::vector<std::string>> names) {
  Value v = tuple(std::move(items));
  v.as_list().field_names = std::move(names);
  return v;
}

bool Value::truthy() const {
  switch (kind_) {
    case Kind::kUndefined:
      if (ptr_ && undefined_info()->strict) raise_error(undefined_info()->message);
      return false;
    case Kind::kNone: return false;
    case Kind::kBool: return b_;
    case Kind::kInt: return i_ != 0;
    case Kind::kFloat: return f_ != 0;
    case Kind::kString: return !as_string().empty();
    case Kind::kList:
    case Kind::kTuple: return !as_list().items.empty();
    case Kind::kDict: return as_dict().size() != 0;
    case Kind::kObject: return true;
  }
  return false;
}

// ---- DictData ----

namespace {
constexpr size_t kIndexThreshold = 8;
}

void DictData::rebuild_index() {
  index_.clear();
  if (entries.size() <= kIndexThreshold) return;
  size_t slots = 32;
  while (slots < 2 * entries.size()) slots *= 2;
  index_.assign(slots, 0);
  for (size_t i = 0; i < entries.size(); ++i) index_insert(hash_value(entries[i].first), uint32_t(i));
}

void DictData::index_insert(size_t hash, uint32_t entry) {
  const size_t mask = index_.size() - 1;
  size_t i = hash & mask;
  while (index_[i] != 0) i = (i + 1) & mask;
  index_[i] = entry + 1;
}

void DictData::index_last_entry(size_t hash) {
  if (entries.size() <= kIndexThreshold) return;
  if (2 * entries.size() > index_.size()) rebuild_index();  // just grew past the threshold, or full
  else index_insert(hash, uint32_t(entries.size() - 1));
}

const Value* DictData::find(const Value& key) const {
  if (entries.size() <= kIndexThreshold) {
    for (const auto& [k, v] : entries)
      if (equals(k, key)) return &v;
    return nullptr;
  }
  const size_t mask = index_.size() - 1;
  for (size_t i = hash_value(key) & mask; index_[i] != 0; i = (i + 1) & mask) {
    const auto& entry = entries[index_[i] - 1];
    if (equals(entry.first, key)) return &entry.second;
  }
  return nullptr;
}

namespace {
/// KEY == TEXT for a str key.
inline bool is_str_key(const Value& key, std::string_view text) { return key.is_string() && same_text(key.as_string(), text); }
}  // namespace

const Value* DictData::find(std::string_view key) const {
  if (entries.size() <= kIndexThreshold) return find(key, 0);
  return find(key, std::hash<std::string_view>()(key));  // hash_value of a str
}

const Value* DictData::find(std::string_view key, size_t hash) const {
  size_t at = position(key, hash);
  return at < entries.size() ? &entries[at].second : nullptr;
}

size_t DictData::position(std::string_view key, size_t hash) const {
  if (entries.size() <= kIndexThreshold) {
    for (size_t i = 0; i < entries.size(); ++i)
      if (is_str_key(entries[i].first, key)) return i;
    return entries.size();
  }
  const size_t mask = index_.size() - 1;
  for (size_t i = hash & mask; index_[i] != 0; i = (i + 1) & mask) {
    const size_t at = index_[i] - 1;
    if (is_str_key(entries[at].first, key)) return at;
  }
  return entries.size();
}

void DictData::append_new(Value key, Value value) {
  size_t h = entries.size() >= kIndexThreshold ? hash_value(key) : 0;
  entries.emplace_back(std::move(key), std::move(value));
  index_last_entry(h);
}

void DictData::set(const Value& key, Value value) {
  if (const Value* existing = find(key)) {
    *const_cast<Value*>(existing) = std::move(value);
    return;
  }
  size_t h = hash_value(key);  // raises for unhashable keys
  entries.emplace_back(key, std::move(value));
  index_last_entry(h);
}

bool DictData::erase(const Value& key) {
  for (auto it = entries.begin(); it != entries.end(); ++it) {
    if (equals(it->first, key)) {
      entries.erase(it);
      rebuild_index();
      return true;
    }
  }
  return false;
}

}  // namespace restack::tmpl
