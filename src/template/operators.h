#pragma once
// Python's arithmetic, comparison and membership operators on template values.
#include "template/ast.h"
#include "template/value.h"

namespace restack::tmpl {

/// A + B etc. with Python semantics ('/' is true division, '//' floors, '%' on a str formats).
/// MAX_BYTES bounds results that grow ('x' * n).
Value binary_op(BinaryOp op, const Value& a, const Value& b, size_t max_bytes);
Value unary_op(UnaryOp op, const Value& a);
bool compare_op(CompareOp op, const Value& a, const Value& b);
/// Python's `item in container`.
bool contains(const Value& container, const Value& item);
/// Raises the undefined error V carries (used when an undefined value is operated on).
[[noreturn]] void raise_undefined(const Value& v);

}  // namespace restack::tmpl
