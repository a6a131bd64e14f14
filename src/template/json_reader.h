#pragma once
// Reads strict JSON text straight into template values (see json_reader.cc).
#include <cstddef>
#include <string_view>

#include "template/value.h"

namespace restack::tmpl {

struct JsonReadOptions {
  /// A document of at least this many bytes whose largest array is at least half that size is
  /// read on two threads: the array's second half by the other one (0: never).
  size_t split_min_bytes = 512u << 10;
  /// 1: one thread; 0: two if the machine has two cores or more.
  unsigned threads = 0;
};

/// Reads TEXT into OUT; false when the text is not strict JSON or needs nlohmann's judgement
/// (an error, a number out of double's range): parse_json then re-reads it with nlohmann.
/// The values are the same however many threads read them.
bool read_json_fast(std::string_view text, Value& out, const JsonReadOptions& options = {});

}  // namespace restack::tmpl
