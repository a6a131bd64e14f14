#pragma once
// The value type templates compute with: Python-like data (None, bool, int, float, str, list,
// tuple, dict keeping insertion order) plus Jinja2's Undefined and opaque objects (macros,
// loop contexts, namespaces...). Containers are shared by reference like Python objects, so
// `{% set _ = items.append(1) %}` is seen through every name bound to the list.
//
// Threads: a Value that is fully built is safe to read from several threads at once, e.g. one
// context rendered by several Renderers concurrently. Read paths modify nothing but a dict's
// hash index, which the first lookup that needs it builds and publishes atomically (see
// DictData); lists and strings have no caches, and copies only touch shared_ptr's atomic counts. Writes (set/append_new/erase,
// items.push_back, and templates calling append/update/pop on that data) must not overlap reads.
#include <atomic>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

namespace restack::tmpl {

class Value;
class Renderer;
struct CallArgs;

enum class Kind : uint8_t { kUndefined, kNone, kBool, kInt, kFloat, kString, kList, kTuple, kDict, kObject };

/// How a list prints: Python has several sequence types that iterate alike but print apart.
enum class ListFlavor : uint8_t { kPlain, kRange, kDictItems, kDictKeys, kDictValues };

struct ListData;
struct DictData;

/// An object that is not plain data: macros, loop contexts, namespaces, bound methods...
class Object {
 public:
  virtual ~Object() = default;
  /// Python's type name, used in messages ("'Macro' object has no attribute 'x'").
  virtual std::string type_name() const = 0;
  virtual std::string repr() const;
  virtual std::string str() const { return repr(); }
  /// Attribute lookup; returns false when the object has no such attribute.
  virtual bool getattr(std::string_view name, Value& out) const;
  virtual bool callable() const { return false; }
  virtual Value call(Renderer& renderer, CallArgs& args);
  /// Namespaces accept `{% set ns.attr = value %}`.
  virtual bool setattr(std::string_view name, const Value& v) { return false; }
  /// Objects that iterate (the loop's cycler etc. do not).
  virtual bool iterable() const { return false; }
};

/// Why a value is undefined: the message a strict use reports ("'x' is undefined").
struct UndefinedInfo {
  std::string message;
  bool strict = false;
};

namespace detail {
/// The header of every payload a Value shares (a str's text, a list, a dict, an object, an
/// undefined's message): its reference count, kept in the payload's own allocation, so that a
/// Value is one pointer (not std::shared_ptr's two) beside its kind. The kind tells which
/// payload type it is, so the header needs no virtual destructor.
struct Counted {
  mutable std::atomic<uint32_t> refs{1};
};
/// A payload of type T behind its count (one allocation).
template <typename T>
struct CountedBox : Counted {
  template <typename... Args>
  explicit CountedBox(Args&&... args) : data(std::forward<Args>(args)...) {}
  T data;
};
}  // namespace detail

/// 16 bytes: the kind and either a scalar or a counted pointer to the shared payload. A context
/// of a large project holds some 800,000 values (400,000 dict entries of two each), so this
/// size is most of its memory.
class Value {
 public:
  Value() noexcept : p_(nullptr) {}  // undefined without a message
  // All eight bytes set: copies move the union as one word (bits_), never reading indeterminate bytes.
  Value(bool b) : kind_(Kind::kBool), bits_(0) { b_ = b; }
  template <typename T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  Value(T i) : kind_(Kind::kInt), i_(static_cast<int64_t>(i)) {}
  Value(double d) : kind_(Kind::kFloat), f_(d) {}
  Value(std::string s);
  Value(std::string_view s) : Value(std::string(s)) {}
  Value(const char* s) : Value(std::string(s)) {}
  Value(std::shared_ptr<Object> o);

  Value(const Value& other) noexcept : kind_(other.kind_), bits_(other.bits_) {
    if (shares() && p_) p_->refs.fetch_add(1, std::memory_order_relaxed);
  }
  /// OTHER keeps its kind; a payload moves (as std::shared_ptr's move left it: null).
  Value(Value&& other) noexcept : kind_(other.kind_), bits_(other.bits_) {
    if (shares()) other.p_ = nullptr;
  }
  Value& operator=(const Value& other) noexcept {
    Value copy(other);
    swap(copy);
    return *this;
  }
  Value& operator=(Value&& other) noexcept {
    Value moved(std::move(other));
    swap(moved);
    return *this;
  }
  ~Value() {
    // A count of 1 is this value's own: nobody else can add to it meanwhile, so the payload
    // goes without an atomic read-modify-write (most context strings have one owner).
    if (shares() && p_ &&
        (p_->refs.load(std::memory_order_acquire) == 1 || p_->refs.fetch_sub(1, std::memory_order_acq_rel) == 1))
      destroy();
  }
  void swap(Value& other) noexcept {
    std::swap(kind_, other.kind_);
    std::swap(bits_, other.bits_);
  }

  static Value none() {
    Value v;
    v.kind_ = Kind::kNone;
    return v;
  }
  static Value undefined(std::string message, bool strict = false);
  static Value list(std::vector<Value> items = {});
  static Value tuple(std::vector<Value> items = {});
  static Value dict();
  static Value range_list(int64_t start, int64_t stop, int64_t step, std::vector<Value> items);
  static Value view(ListFlavor flavor, std::vector<Value> items);
  /// A tuple whose fields also have names (Jinja2's _GroupTuple: .grouper and .list).
  static Value named_tuple(std::vector<Value> items, std::shared_ptr<const std::vector<std::string>> names);

  Kind kind() const { return kind_; }
  bool is_undefined() const { return kind_ == Kind::kUndefined; }
  bool is_none() const { return kind_ == Kind::kNone; }
  bool is_bool() const { return kind_ == Kind::kBool; }
  bool is_int() const { return kind_ == Kind::kInt; }
  bool is_float() const { return kind_ == Kind::kFloat; }
  /// int, float or bool: Python's numbers.Number.
  bool is_number() const { return kind_ == Kind::kInt || kind_ == Kind::kFloat || kind_ == Kind::kBool; }
  bool is_string() const { return kind_ == Kind::kString; }
  bool is_list() const { return kind_ == Kind::kList; }
  bool is_tuple() const { return kind_ == Kind::kTuple; }
  bool is_sequence() const { return kind_ == Kind::kList || kind_ == Kind::kTuple; }
  bool is_dict() const { return kind_ == Kind::kDict; }
  bool is_object() const { return kind_ == Kind::kObject; }

  bool as_bool() const { return b_; }
  int64_t as_int() const { return kind_ == Kind::kBool ? int64_t(b_) : i_; }
  /// int, bool or float as a double.
  double as_double() const { return kind_ == Kind::kFloat ? f_ : kind_ == Kind::kBool ? double(b_) : double(i_); }
  const std::string& as_string() const { return payload<std::string>(); }
  ListData& as_list() const;  // defined below ListData and DictData
  DictData& as_dict() const;
  Object* as_object() const { return p_ ? payload<std::shared_ptr<Object>>().get() : nullptr; }
  std::shared_ptr<Object> object_ptr() const { return p_ ? payload<std::shared_ptr<Object>>() : nullptr; }
  const UndefinedInfo* undefined_info() const { return p_ ? &payload<UndefinedInfo>() : nullptr; }
  /// Identity of the shared payload (Python's `is` for containers); an object's address for an
  /// object, null for a scalar.
  const void* identity() const {
    if (kind_ == Kind::kObject) return as_object();
    return shares() ? p_ : nullptr;
  }

  /// Python truthiness; throws for a strict undefined.
  bool truthy() const;

 private:
  /// Whether the union holds a payload pointer (possibly null): strings, containers, objects and
  /// undefined (a message or null).
  bool shares() const { return kind_ >= Kind::kString || kind_ == Kind::kUndefined; }
  template <typename T>
  T& payload() const {
    return static_cast<detail::CountedBox<T>*>(p_)->data;
  }
  /// Frees the payload once its last reference is gone (by its kind).
  void destroy() noexcept;

  Kind kind_ = Kind::kUndefined;
  // The member the kind selects; bits_ copies whichever it is (GCC and Clang define reading a
  // union through another member).
  union {
    bool b_;
    int64_t i_;
    double f_;
    detail::Counted* p_;
    uint64_t bits_;
  };
};

static_assert(sizeof(Value) == 16, "a large context holds some 800,000 values");

struct ListData {
  std::vector<Value> items;
  ListFlavor flavor = ListFlavor::kPlain;

  ListData() = default;
  ListData(const ListData& other)
      : items(other.items), flavor(other.flavor), extras_(other.extras_ ? new Extras(*other.extras_) : nullptr) {}
  ListData(ListData&&) noexcept = default;
  ListData& operator=(const ListData& other) {
    if (this != &other) *this = ListData(other);
    return *this;
  }
  ListData& operator=(ListData&&) noexcept = default;

  int64_t range_start() const { return extras_ ? extras_->range_start : 0; }
  int64_t range_stop() const { return extras_ ? extras_->range_stop : 0; }
  int64_t range_step() const { return extras_ ? extras_->range_step : 1; }
  void set_range(int64_t start, int64_t stop, int64_t step);
  /// A named tuple's field names (null for every other list).
  const std::shared_ptr<const std::vector<std::string>>& field_names() const;
  void set_field_names(std::shared_ptr<const std::vector<std::string>> names);

 private:
  /// What only a range() and a named tuple have, kept aside so that a plain list (some 30,000
  /// in a large context) is 40 bytes instead of 72.
  struct Extras {
    int64_t range_start = 0, range_stop = 0, range_step = 1;
    std::shared_ptr<const std::vector<std::string>> field_names;
  };
  Extras& extras();
  std::unique_ptr<Extras> extras_;
};

/// A == B, inline, for the short names and keys a template looks up: length and first byte
/// decide most mismatches, then eight (or four) bytes are compared at a time; a memcmp call
/// costs more than these compares.
inline bool same_text(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  if (n != b.size()) return false;
  if (n == 0) return true;
  if (a[0] != b[0]) return false;
  const char *p = a.data(), *q = b.data();
  if (n >= 8) {
    uint64_t x, y;
    for (size_t i = 0; i + 8 < n; i += 8) {
      std::memcpy(&x, p + i, 8);
      std::memcpy(&y, q + i, 8);
      if (x != y) return false;
    }
    std::memcpy(&x, p + n - 8, 8);  // the last eight bytes (overlapping the words above)
    std::memcpy(&y, q + n - 8, 8);
    return x == y;
  }
  if (n >= 4) {
    uint32_t x1, y1, x2, y2;
    std::memcpy(&x1, p, 4);
    std::memcpy(&y1, q, 4);
    std::memcpy(&x2, p + n - 4, 4);
    std::memcpy(&y2, q + n - 4, 4);
    return x1 == y1 && x2 == y2;
  }
  for (size_t i = 1; i < n; ++i)
    if (p[i] != q[i]) return false;
  return true;
}

/// A dict that keeps insertion order, with Python's key equality (1 == 1.0 == True).
///
/// Concurrency: every member function marked const (find, position, size, and reading
/// `entries`) may run on any number of threads at once on a dict that nobody modifies any more.
/// The hash index of a dict of more than kIndexThreshold entries is built lazily, by the first
/// lookup that needs it (most never do: the renderer finds a key by its remembered position
/// first, and a context of 80,000 dicts is built once and read by that hint): a thread that
/// finds no index builds one and publishes it with a compare-and-swap, and one that loses the
/// race frees its own and uses the winner's. Once built, set/append_new keep it current.
/// Modify `entries` only through set/append_new/erase (reserve() is fine), or append to a dict
/// that has no index yet (has_index() false: a dict being built, as make_dict does).
struct DictData {
  std::vector<std::pair<Value, Value>> entries;

  DictData() = default;
  DictData(const DictData& other) : entries(other.entries) {}
  DictData(DictData&& other) noexcept : entries(std::move(other.entries)) { other.drop_index(); }
  DictData& operator=(const DictData& other);
  DictData& operator=(DictData&& other) noexcept;
  ~DictData() { drop_index(); }

  const Value* find(const Value& key) const;
  const Value* find(std::string_view key) const;
  /// find(KEY) with HASH = std::hash<std::string_view>()(KEY) computed by the caller (a key the
  /// template names: hashed once when it is parsed).
  const Value* find(std::string_view key, size_t hash) const;
  /// The position in `entries` of the str key KEY (HASH as above), or size() when missing.
  size_t position(std::string_view key, size_t hash) const;
  void set(const Value& key, Value value);
  /// Appends KEY, which the caller knows is not in the dict yet (no lookup). Inline: a built
  /// context appends some 400,000 entries to dicts that have no index.
  void append_new(Value key, Value value) {
    if (index_.load(std::memory_order_relaxed)) return append_indexed(std::move(key), std::move(value));
    entries.emplace_back(std::move(key), std::move(value));
  }
  bool erase(const Value& key);
  size_t size() const { return entries.size(); }
  /// Whether the hash index exists (built by a lookup of a long dict); for tests.
  bool has_index() const { return index_.load(std::memory_order_acquire) != nullptr; }

  /// Dicts of at most this many entries are scanned and never get an index.
  static constexpr size_t kIndexThreshold = 8;

 private:
  /// The index, built now if there is none yet (only called for a dict past the threshold).
  const uint32_t* index() const;
  /// A new index of every entry: [0] the slot count (a power of two, at least twice the
  /// entries), then the slots (entry position + 1, 0 = free).
  uint32_t* build_index() const;
  /// append_new of a dict that has an index: keeps it current.
  void append_indexed(Value key, Value value);
  /// Adds the last entry (of hash HASH) to the index when there is one (writers only).
  void index_last_entry(size_t hash);
  void drop_index() noexcept { delete[] index_.exchange(nullptr, std::memory_order_acq_rel); }
  // Open addressing over the entries in one flat allocation per dict, or null: not built yet
  // (and never for a dict nobody looks up by hash).
  mutable std::atomic<uint32_t*> index_{nullptr};
};

inline ListData& Value::as_list() const { return payload<ListData>(); }
inline DictData& Value::as_dict() const { return payload<DictData>(); }

/// Positional and keyword arguments of a call, already evaluated.
struct CallArgs {
  std::vector<Value> args;
  std::vector<std::pair<std::string, Value>> kwargs;
};

// ---- Python semantics (value_ops.cc) ----
/// Python `==`.
bool equals(const Value& a, const Value& b);
/// Python's hash, consistent with equals(); throws "unhashable type: 'list'" for containers.
size_t hash_value(const Value& v);
/// Python `<`; throws TypeError-like errors for unorderable types.
bool less_than(const Value& a, const Value& b);
/// Python's type name: 'int', 'str', 'list', 'dict', 'NoneType'...
std::string type_name(const Value& v);
/// Python's len(); false when the value has no length.
bool length_of(const Value& v, int64_t& out);
/// Iterates like Python's iter(): lists, tuples, dict keys, string characters. Throws for
/// non-iterables ("'int' object is not iterable").
std::vector<Value> iterate(const Value& v);
bool is_iterable(const Value& v);
bool is_callable(const Value& v);

// ---- Printing (value_print.cc) ----
/// Python str().
std::string to_str(const Value& v);
void append_str(std::string& out, const Value& v);
/// Python repr().
std::string repr(const Value& v);
void append_repr(std::string& out, const Value& v);
/// Python's repr of a float: shortest round-trip digits, '1.0', '1e+16', 'inf'.
std::string float_repr(double d);
/// Python's repr of a str, quotes chosen like Python does.
void append_string_repr(std::string& out, std::string_view s);

}  // namespace restack::tmpl
