#include "template/registry.h"

namespace restack::tmpl {

Registry Registry::with_builtins() {
  Registry r;
  register_string_filters(r);
  register_list_filters(r);
  register_number_filters(r);
  register_misc_filters(r);
  register_codegen_filters(r);
  register_builtin_tests(r);
  return r;
}

void Registry::add_filter(std::string name, FilterFn fn, bool thread_safe) {
  auto def = std::make_shared<FilterDef>(FilterDef{name, std::move(fn), thread_safe});
  all_thread_safe_ = all_thread_safe_ && thread_safe;
  filters_[std::move(name)] = std::move(def);
}

void Registry::add_test(std::string name, TestFn fn) {
  auto def = std::make_shared<TestDef>(TestDef{name, std::move(fn)});
  tests_[std::move(name)] = std::move(def);
}

const FilterDef* Registry::filter(const std::string& name) const {
  auto it = filters_.find(name);
  return it == filters_.end() ? nullptr : it->second.get();
}

const TestDef* Registry::test(const std::string& name) const {
  auto it = tests_.find(name);
  return it == tests_.end() ? nullptr : it->second.get();
}

}  // namespace restack::tmpl
