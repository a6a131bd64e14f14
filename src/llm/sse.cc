#include "llm/sse.h"

#include <nlohmann/json.hpp>

namespace restack::llm {

void SseAccumulator::feed(std::string_view chunk) {
  pending_.append(chunk);
  size_t start = 0;
  for (size_t nl; (nl = pending_.find('\n', start)) != std::string::npos; start = nl + 1) {
    std::string_view l(pending_.data() + start, nl - start);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    line(l);
  }
  pending_.erase(0, start);
}

void SseAccumulator::finish() {
  if (!pending_.empty()) line(pending_);
  pending_.clear();
}

void SseAccumulator::line(std::string_view l) {
  if (l.rfind("data:", 0) != 0) return;  // comments (": keep-alive"), event:, id:, blank lines
  l.remove_prefix(5);
  if (!l.empty() && l.front() == ' ') l.remove_prefix(1);
  if (l == "[DONE]") {
    done_ = true;
    return;
  }
  auto event = nlohmann::json::parse(l, nullptr, false);
  if (event.is_discarded() || !event.is_object()) {
    if (error_.empty()) error_ = "malformed streaming event: " + std::string(l.substr(0, 200));
    return;
  }
  if (event.contains("error")) {
    const auto& e = event["error"];
    error_ = e.is_object() && e.contains("message") && e["message"].is_string() ? e["message"].get<std::string>()
                                                                               : e.dump();
    return;
  }
  if (event.contains("choices") && event["choices"].is_array())
    for (const auto& choice : event["choices"]) {
      if (!choice.is_object() || !choice.contains("delta") || !choice["delta"].is_object()) continue;
      const auto& delta = choice["delta"];
      if (delta.contains("content") && delta["content"].is_string()) content_ += delta["content"].get<std::string>();
    }
  if (event.contains("usage") && event["usage"].is_object()) {
    usage_ = Usage::from_json(event["usage"]);
  }
}

}  // namespace restack::llm
