#pragma once
// Reads strict JSON text straight into template values (see json_reader.cc).
#include <string_view>

#include "template/value.h"

namespace restack::tmpl {

/// Reads TEXT into OUT; false when the text is not strict JSON or needs nlohmann's judgement
/// (an error, a number out of double's range): parse_json then re-reads it with nlohmann.
bool read_json_fast(std::string_view text, Value& out);

}  // namespace restack::tmpl
