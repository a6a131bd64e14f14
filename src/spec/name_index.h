#pragma once
// A hash table from names (a few bytes of identifier, viewed, not copied) to values, for the
// loaders' many lookups by name: mapping keys in the YAML tree, steps, functions, workflows.
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "spec/names.h"

namespace restack::spec {

/// A hash for names (a few bytes of identifier): FNV-1a inline, cheaper than std::hash's
/// out-of-line hash for such short keys.
struct NameHash {
  size_t operator()(std::string_view s) const noexcept {
    uint64_t h = 14695981039346656037ull;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    return static_cast<size_t>(h);
  }
};

/// Names (viewing strings that outlive the index) to V, for the per-workflow step indexes of
/// the validator and the data-flow pass, ProjectNames, and the keys of large YAML mappings. Open addressing over one array
/// of (hash, name, value) slots: a probe compares the stored hash and touches nothing else
/// unless it matches. (std::unordered_map chains one node per entry and, without cached
/// hashes, rehashes the next node's key, the step's own name far away in memory, at every
/// probe: on a 5,000-step spec that was most of these passes' time in cache misses.)
template <typename V>
class NameIndex {
 public:
  /// Room for N names without growing.
  void reserve(size_t n) {
    size_t want = 16;
    while (3 * want < 4 * n) want *= 2;  // at most three quarters full
    if (want > slots_.size()) rehash(want);
  }
  /// Adds NAME -> VALUE unless NAME is present: the entry's value, and whether it was added.
  std::pair<V*, bool> emplace(std::string_view name, V value) {
    if (4 * (size_ + 1) > 3 * slots_.size()) rehash(slots_.empty() ? 16 : 2 * slots_.size());
    uint32_t h = hash(name);
    size_t mask = slots_.size() - 1;
    for (size_t i = static_cast<size_t>(h) & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.hash == 0) {
        s = Slot{h, static_cast<uint32_t>(name.size()), name.data(), std::move(value)};
        ++size_;
        return {&s.value, true};
      }
      if (s.hash == h && same_name(s.name(), name)) return {&s.value, false};
    }
  }
  /// The value of NAME, or null.
  const V* find(std::string_view name) const {
    if (size_ == 0) return nullptr;
    uint32_t h = hash(name);
    size_t mask = slots_.size() - 1;
    for (size_t i = static_cast<size_t>(h) & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.hash == 0) return nullptr;
      if (s.hash == h && same_name(s.name(), name)) return &s.value;
    }
  }
  size_t size() const { return size_; }

 private:
  // 24 bytes for a pointer value: 8,192 slots for 5,000 steps stay in the L2 cache.
  struct Slot {
    uint32_t hash = 0;  // 0: empty (hash() never returns 0)
    uint32_t size = 0;  // of the name (names are far shorter than 4 GiB: specs are <= 16 MiB)
    const char* data = nullptr;
    V value{};
    std::string_view name() const { return {data, size}; }
  };

  // FNV-1a's high bits are poorly mixed for names that differ in their last bytes (step_1,
  // step_2...): a multiply spreads them before the index takes the low bits. The top bit is
  // set so that no name hashes to 0, the empty mark; it is above any index's bits.
  static uint32_t hash(std::string_view s) {
    uint64_t mixed = NameHash{}(s) * 0x9E3779B97F4A7C15ull;
    return static_cast<uint32_t>(mixed >> 32) | 0x80000000u;
  }

  void rehash(size_t capacity) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(capacity, Slot{});
    size_t mask = capacity - 1;
    for (Slot& s : old) {
      if (s.hash == 0) continue;
      size_t i = static_cast<size_t>(s.hash) & mask;
      while (slots_[i].hash != 0) i = (i + 1) & mask;
      slots_[i] = std::move(s);
    }
  }

  std::vector<Slot> slots_;  // a power of two in size, or empty
  size_t size_ = 0;
};

}  // namespace restack::spec
