#pragma once
// Server-sent events from a streaming chat completion (`stream: true`): `data: {json}` lines,
// separated by blank lines, ending with `data: [DONE]`. Fed bytes as they arrive.
#include <string>
#include <string_view>

#include "llm/chat_types.h"

namespace restack::llm {

class SseAccumulator {
 public:
  /// Consumes a chunk of the body (any split, even mid-line).
  void feed(std::string_view chunk);
  /// Call once the body ended: handles a last line without a newline.
  void finish();

  const std::string& content() const { return content_; }
  const Usage& usage() const { return usage_; }
  bool done() const { return done_; }              // saw `data: [DONE]`
  const std::string& error() const { return error_; }  // a malformed event or an error object

 private:
  void line(std::string_view l);
  std::string pending_;
  std::string content_;
  Usage usage_;
  bool done_ = false;
  std::string error_;
};

}  // namespace restack::llm
