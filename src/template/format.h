#pragma once
// Python's string formatting: the `%` operator (and the `format` filter), str.format() and
// the format-spec mini-language.
#include <string>
#include <string_view>

#include "template/value.h"

namespace restack::tmpl {

/// FMT % ARGS (ARGS a tuple, a dict for %(name)s, or a single value).
std::string percent_format(std::string_view fmt, const Value& args, size_t max_bytes);
/// FMT % tuple(ITEMS), without building the tuple.
std::string percent_format_tuple(std::string_view fmt, const std::vector<Value>& items, size_t max_bytes);
/// FMT.format(*args, **kwargs).
std::string str_format(std::string_view fmt, const CallArgs& args, size_t max_bytes);
/// format(value, spec).
std::string format_with_spec(const Value& v, std::string_view spec, size_t max_bytes);

}  // namespace restack::tmpl
