#include "template/filters/helpers.h"

#include "template/operators.h"

namespace restack::tmpl::filters {

AttrGetter::AttrGetter(Renderer& r, const Value& attribute, const Value& default_value) : r_(r), default_(default_value) {
  if (attribute.is_undefined() || attribute.is_none()) return;
  if (!attribute.is_string()) {
    parts_.push_back(attribute);
    return;
  }
  const std::string& s = attribute.as_string();
  size_t start = 0;
  for (;;) {
    size_t dot = s.find('.', start);
    std::string part = s.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    bool digits = !part.empty();
    for (char c : part) digits = digits && c >= '0' && c <= '9';
    if (digits && part.size() < 18) parts_.push_back(Value(int64_t(std::stoll(part))));
    else parts_.push_back(Value(part));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
}

Value AttrGetter::operator()(const Value& item) const {
  Value v = item;
  for (const auto& part : parts_) {
    v = r_.getitem(v, part);
    if (!default_.is_undefined() && v.is_undefined()) v = default_;
  }
  return v;
}

std::string soft_str(const Value& v) {
  if (v.is_undefined() && v.undefined_info() && v.undefined_info()->strict) raise_undefined(v);
  return to_str(v);
}

int64_t int_arg(const Value& v, const char* what) {
  if (v.is_int() || v.is_bool()) return v.as_int();
  if (v.is_float()) return int64_t(v.as_double());
  raise_error(std::string("'") + type_name(v) + "' object cannot be interpreted as an integer (" + what + ")");
}

}  // namespace restack::tmpl::filters
