// The structure scan that finds where a large JSON document is cut for two threads
// (json_scan.h). It only tells strings from structure; the readers check everything else.
#include "template/json_scan.h"

namespace restack::tmpl::json_scan {

namespace {

/// The end of the string whose opening quote is at P (the byte after its closing quote), or
/// null if it does not end. Only quotes and backslashes matter here; the readers check the rest.
const char* skip_string(const char* p, const char* end) {
  ++p;
  for (;;) {
    p = skip_plain(p, end);
    if (p >= end) return nullptr;
    if (*p == '"') return p + 1;
    if (*p == '\\') {
      if (end - p < 2) return nullptr;
      p += 2;
    } else {
      ++p;  // a control or non-ASCII byte
    }
  }
}

constexpr size_t kMaxSplitDepth = 4;

}  // namespace

bool find_split(std::string_view text, size_t min_bytes, Split& out) {
  const char* p = text.data();
  const char* end = p + text.size();
  const char* open[kMaxSplitDepth + 1];
  bool is_array[kMaxSplitDepth + 1];
  size_t depth = 0;
  const char* best_open = nullptr;
  const char* best_close = nullptr;
  size_t best_depth = 0;
  // Where the scan first stood outside a string past the text's middle, and how deep: the second
  // pass starts there when the largest array holds it (it usually does), not at the array's start.
  const char* const text_middle = p + text.size() / 2;
  // One structural byte or string; false when a string does not end or a bracket is unmatched.
  auto step = [&]() -> bool {
    char c = *p;
    if (c == '"') {
      p = skip_string(p, end);
      return p != nullptr;
    }
    if (c == '[' || c == '{') {
      if (depth < kMaxSplitDepth) {
        open[depth] = p;
        is_array[depth] = c == '[';
      }
      ++depth;
    } else if (c == ']' || c == '}') {
      if (depth == 0) return false;
      --depth;
      if (depth < kMaxSplitDepth && is_array[depth] && c == ']' && size_t(p - open[depth]) > size_t(best_close - best_open)) {
        best_open = open[depth];
        best_close = p;
        best_depth = depth + 1;
      }
    }
    ++p;
    return true;
  };
  while (p < text_middle)
    if (!step()) return false;
  const char* checkpoint = p;
  const size_t checkpoint_depth = depth;
  while (p < end)
    if (!step()) return false;
  if (depth != 0 || !best_open || size_t(best_close - best_open) < min_bytes) return false;
  // The first element that starts past the middle of the array.
  const char* middle = best_open + (best_close - best_open) / 2;
  size_t inner = 0;
  p = best_open + 1;
  if (checkpoint > best_open && checkpoint < best_close && checkpoint_depth >= best_depth) {
    p = checkpoint;
    inner = checkpoint_depth - best_depth;
    middle = checkpoint;
  }
  for (; p < best_close; ++p) {
    char c = *p;
    if (c == '"') {
      p = skip_string(p, best_close) - 1;  // balanced above, so it ends
      continue;
    }
    if (c == '[' || c == '{') ++inner;
    else if (c == ']' || c == '}') --inner;
    else if (c == ',' && inner == 0 && p >= middle) {
      ++p;
      while (p < best_close && kSpace[static_cast<unsigned char>(*p)]) ++p;
      if (p >= best_close) return false;
      out.mid = p;
      out.close = best_close;
      out.depth = best_depth;
      return true;
    }
  }
  return false;
}

}  // namespace restack::tmpl::json_scan
