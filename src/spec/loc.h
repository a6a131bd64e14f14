#pragma once
// Positions as the model keeps them. A spec of 5,000 steps holds tens of thousands of
// positions; as SourceLocation values each would copy the file name (a heap allocation for any
// path past 15 bytes). Loc shares one immutable file name per file instead, and turns into a
// SourceLocation only when a diagnostic is made.
#include <atomic>
#include <cstdint>
#include <string>
#include <utility>

#include "common/diagnostic.h"

namespace restack::spec {

/// A file name shared by every position in the file: copying it copies a pointer and counts a
/// reference. One pointer (not a std::shared_ptr's two): a Loc is 16 bytes, and a spec's model
/// holds some 200,000 of them.
class FileName {
 public:
  FileName() = default;
  explicit FileName(std::string name) : shared_(new Shared{{1}, std::move(name)}) {}
  FileName(const FileName& other) noexcept : shared_(other.shared_) {
    if (shared_) shared_->refs.fetch_add(1, std::memory_order_relaxed);
  }
  FileName(FileName&& other) noexcept : shared_(std::exchange(other.shared_, nullptr)) {}
  FileName& operator=(const FileName& other) noexcept {
    FileName copy(other);
    std::swap(shared_, copy.shared_);
    return *this;
  }
  FileName& operator=(FileName&& other) noexcept {
    if (this != &other) {
      release();
      shared_ = std::exchange(other.shared_, nullptr);
    }
    return *this;
  }
  ~FileName() { release(); }

  const std::string& str() const {
    static const std::string kNone;
    return shared_ ? shared_->name : kNone;
  }
  operator const std::string&() const { return str(); }  // NOLINT: reads like the std::string it replaces
  bool empty() const { return str().empty(); }

  friend bool operator==(const FileName& a, const FileName& b) { return a.shared_ == b.shared_ || a.str() == b.str(); }
  friend bool operator==(const FileName& a, const std::string& b) { return a.str() == b; }
  friend bool operator==(const FileName& a, const char* b) { return a.str() == b; }

 private:
  struct Shared {
    std::atomic<uint32_t> refs;
    const std::string name;
  };
  void release() noexcept {
    if (shared_ && shared_->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete shared_;
    shared_ = nullptr;
  }
  Shared* shared_ = nullptr;
};

/// A position in a spec file: SourceLocation's fields (1-based line and column, 0 = unknown),
/// with the file name shared. Converts to SourceLocation wherever a diagnostic needs one.
struct Loc {
  FileName file;
  int line = 0;
  int column = 0;

  bool known() const { return line > 0; }
  operator SourceLocation() const { return SourceLocation{file.str(), line, column}; }  // NOLINT: implicit by design
};

static_assert(sizeof(Loc) == 16, "the model holds a Loc for every key and value it read");

}  // namespace restack::spec
