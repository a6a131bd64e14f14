#pragma once
// Filters and tests by name. Builtins live in filters/*.cc and tests.cc; callers add their own
// through Environment::add_filter.
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "template/value.h"

namespace restack::tmpl {

class Renderer;

/// A filter gets the renderer (for callbacks such as map('upper') or attribute lookups), the
/// value left of the `|` and the call's arguments.
using FilterFn = std::function<Value(Renderer& r, const Value& self, CallArgs& args)>;
using TestFn = std::function<bool(Renderer& r, const Value& self, CallArgs& args)>;

struct FilterDef {
  std::string name;
  FilterFn fn;
  /// Builtins are pure functions of their arguments; a caller's filter may keep state, so a
  /// template rendered with one never renders a loop on several threads.
  bool thread_safe = true;
};

struct TestDef {
  std::string name;
  TestFn fn;
};

class Registry {
 public:
  /// A registry holding every builtin filter and test.
  static Registry with_builtins();

  void add_filter(std::string name, FilterFn fn, bool thread_safe = true);
  void add_test(std::string name, TestFn fn);
  const FilterDef* filter(const std::string& name) const;
  const TestDef* test(const std::string& name) const;
  /// False once a filter that may keep state was added (Environment::add_filter).
  bool all_thread_safe() const { return all_thread_safe_; }

 private:
  std::map<std::string, std::shared_ptr<FilterDef>, std::less<>> filters_;
  std::map<std::string, std::shared_ptr<TestDef>, std::less<>> tests_;
  bool all_thread_safe_ = true;
};

// Each file of builtins registers its own.
void register_string_filters(Registry& r);
void register_list_filters(Registry& r);
void register_number_filters(Registry& r);
void register_misc_filters(Registry& r);
void register_codegen_filters(Registry& r);
void register_builtin_tests(Registry& r);

}  // namespace restack::tmpl
