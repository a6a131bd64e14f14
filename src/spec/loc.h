#pragma once
// Positions as the model keeps them. A spec of 5,000 steps holds tens of thousands of
// positions; as SourceLocation values each would copy the file name (a heap allocation for any
// path past 15 bytes). Loc shares one immutable file name per file instead, and turns into a
// SourceLocation only when a diagnostic is made.
#include <memory>
#include <string>

#include "common/diagnostic.h"

namespace restack::spec {

/// A file name shared by every position in the file: copying it copies a pointer.
class FileName {
 public:
  FileName() = default;
  explicit FileName(std::string name) : name_(std::make_shared<const std::string>(std::move(name))) {}

  const std::string& str() const {
    static const std::string kNone;
    return name_ ? *name_ : kNone;
  }
  operator const std::string&() const { return str(); }  // NOLINT: reads like the std::string it replaces
  bool empty() const { return str().empty(); }

  friend bool operator==(const FileName& a, const FileName& b) { return a.name_ == b.name_ || a.str() == b.str(); }
  friend bool operator==(const FileName& a, const std::string& b) { return a.str() == b; }
  friend bool operator==(const FileName& a, const char* b) { return a.str() == b; }

 private:
  std::shared_ptr<const std::string> name_;
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

}  // namespace restack::spec
