#pragma once
// Shared pieces of the builtin filters: Jinja2's attribute getters and case folding.
#include <string>
#include <vector>

#include "template/errors.h"
#include "template/objects.h"
#include "template/registry.h"
#include "template/renderer.h"
#include "template/utf8.h"
#include "template/value.h"

namespace restack::tmpl::filters {

/// Jinja2's make_attrgetter: "a.b.0" looks up item a, then b, then index 0 (item first, then
/// attribute). DEFAULT replaces an undefined result when given.
class AttrGetter {
 public:
  AttrGetter(Renderer& r, const Value& attribute, const Value& default_value = Value());
  Value operator()(const Value& item) const;
  bool empty() const { return parts_.empty(); }

 private:
  Renderer& r_;
  std::vector<Value> parts_;
  Value default_;
};

/// Lower-cases strings (Jinja2's ignore_case); other values pass through.
inline Value ignore_case(const Value& v) { return v.is_string() ? Value(utf8::lower(v.as_string())) : v; }

/// The string value of V for string filters (Jinja2's soft_str); strict undefined raises.
std::string soft_str(const Value& v);

int64_t int_arg(const Value& v, const char* what);

}  // namespace restack::tmpl::filters
