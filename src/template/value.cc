#include "template/value.h"

#include <algorithm>

#include "template/errors.h"

namespace restack::tmpl {

std::string Object::repr() const { return "<" + type_name() + " object>"; }
bool Object::getattr(std::string_view, Value&) const { return false; }
Value Object::call(Renderer&, CallArgs&) { raise_error("'" + type_name() + "' object is not callable"); }

namespace {
template <typename T, typename... Args>
detail::Counted* make_payload(Args&&... args) {
  return new detail::CountedBox<T>(std::forward<Args>(args)...);
}
}  // namespace

Value::Value(std::string s) : kind_(Kind::kString), p_(make_payload<std::string>(std::move(s))) {}

Value::Value(std::shared_ptr<Object> o) : kind_(Kind::kObject), p_(make_payload<std::shared_ptr<Object>>(std::move(o))) {}

void Value::destroy() noexcept {
  switch (kind_) {
    case Kind::kString: delete static_cast<detail::CountedBox<std::string>*>(p_); break;
    case Kind::kList:
    case Kind::kTuple: delete static_cast<detail::CountedBox<ListData>*>(p_); break;
    case Kind::kDict: delete static_cast<detail::CountedBox<DictData>*>(p_); break;
    case Kind::kObject: delete static_cast<detail::CountedBox<std::shared_ptr<Object>>*>(p_); break;
    case Kind::kUndefined: delete static_cast<detail::CountedBox<UndefinedInfo>*>(p_); break;
    default: break;  // scalars share nothing
  }
  p_ = nullptr;
}

Value Value::undefined(std::string message, bool strict) {
  Value v;
  v.p_ = make_payload<UndefinedInfo>(UndefinedInfo{std::move(message), strict});
  return v;
}

Value Value::list(std::vector<Value> items) {
  Value v;
  v.kind_ = Kind::kList;
  v.p_ = make_payload<ListData>();
  v.as_list().items = std::move(items);
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
  v.p_ = make_payload<DictData>();
  return v;
}

Value Value::range_list(int64_t start, int64_t stop, int64_t step, std::vector<Value> items) {
  Value v = list(std::move(items));
  auto& d = v.as_list();
  d.flavor = ListFlavor::kRange;
  d.set_range(start, stop, step);
  return v;
}

Value Value::view(ListFlavor flavor, std::vector<Value> items) {
  Value v = list(std::move(items));
  v.as_list().flavor = flavor;
  return v;
}

Value Value::named_tuple(std::vector<Value> items, std::shared_ptr<const std::vector<std::string>> names) {
  Value v = tuple(std::move(items));
  v.as_list().set_field_names(std::move(names));
  return v;
}

bool Value::truthy() const {
  switch (kind_) {
    case Kind::kUndefined:
      if (p_ && undefined_info()->strict) raise_error(undefined_info()->message);
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

// ---- ListData ----

ListData::Extras& ListData::extras() {
  if (!extras_) extras_ = std::make_unique<Extras>();
  return *extras_;
}

void ListData::set_range(int64_t start, int64_t stop, int64_t step) {
  Extras& e = extras();
  e.range_start = start;
  e.range_stop = stop;
  e.range_step = step;
}

const std::shared_ptr<const std::vector<std::string>>& ListData::field_names() const {
  static const std::shared_ptr<const std::vector<std::string>> kNone;
  return extras_ ? extras_->field_names : kNone;
}

void ListData::set_field_names(std::shared_ptr<const std::vector<std::string>> names) { extras().field_names = std::move(names); }

// ---- DictData ----

DictData& DictData::operator=(const DictData& other) {
  if (this != &other) {
    entries = other.entries;
    drop_index();
  }
  return *this;
}

DictData& DictData::operator=(DictData&& other) noexcept {
  if (this != &other) {
    entries = std::move(other.entries);
    drop_index();
    other.drop_index();
  }
  return *this;
}

namespace {
/// Puts entry ENTRY (of hash HASH) in the first free slot from its own (SLOTS: the index's
/// slots, a power-of-two count MASK + 1).
inline void index_insert(uint32_t* slots, size_t mask, size_t hash, uint32_t entry) {
  size_t i = hash & mask;
  while (slots[i] != 0) i = (i + 1) & mask;
  slots[i] = entry + 1;
}
}  // namespace

uint32_t* DictData::build_index() const {
  size_t slots = 32;
  while (slots < 2 * entries.size()) slots *= 2;
  auto* index = new uint32_t[slots + 1]();
  index[0] = uint32_t(slots);
  for (size_t i = 0; i < entries.size(); ++i) index_insert(index + 1, slots - 1, hash_value(entries[i].first), uint32_t(i));
  return index;
}

const uint32_t* DictData::index() const {
  uint32_t* current = index_.load(std::memory_order_acquire);
  if (current) return current;
  uint32_t* built = build_index();
  // Another reader may have published its own meanwhile: the first one stays, the other is freed.
  if (index_.compare_exchange_strong(current, built, std::memory_order_acq_rel, std::memory_order_acquire)) return built;
  delete[] built;
  return current;
}

void DictData::index_last_entry(size_t hash) {
  // Writers never overlap readers, so the index cannot appear or change meanwhile.
  uint32_t* index = index_.load(std::memory_order_relaxed);
  if (!index) return;
  if (2 * entries.size() > index[0]) drop_index();  // full: the next lookup builds a larger one
  else index_insert(index + 1, index[0] - 1, hash, uint32_t(entries.size() - 1));
}

const Value* DictData::find(const Value& key) const {
  if (entries.size() <= kIndexThreshold) {
    for (const auto& [k, v] : entries)
      if (equals(k, key)) return &v;
    return nullptr;
  }
  const uint32_t* index = this->index();
  const size_t mask = index[0] - 1;
  for (size_t i = hash_value(key) & mask; index[1 + i] != 0; i = (i + 1) & mask) {
    const auto& entry = entries[index[1 + i] - 1];
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
  const uint32_t* index = this->index();
  const size_t mask = index[0] - 1;
  for (size_t i = hash & mask; index[1 + i] != 0; i = (i + 1) & mask) {
    const size_t at = index[1 + i] - 1;
    if (is_str_key(entries[at].first, key)) return at;
  }
  return entries.size();
}

void DictData::append_indexed(Value key, Value value) {
  const size_t h = hash_value(key);
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
      drop_index();  // positions moved: the next lookup that needs an index builds a new one
      return true;
    }
  }
  return false;
}

}  // namespace restack::tmpl
