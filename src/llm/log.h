#pragma once
// Where the module's log lines go. The CLI routes them to spdlog; tests capture them to assert
// that no secret leaks. Every line is redacted before it reaches the sink.
#include <functional>
#include <string>

namespace restack::llm {

enum class LogLevel { kDebug, kInfo, kWarning };
using LogSink = std::function<void(LogLevel, const std::string&)>;

}  // namespace restack::llm
