// bench/llm.sh's driver: N function bodies through restack::llm::BodyService, the same path
// `generate --llm` takes, without the generator (which is being integrated separately).
// Usage: driver --base-url URL --functions N --jobs J --cache-dir DIR [--no-cache] [--off]
//               [--validator none|python]
// Prints one JSON line: wall seconds, requests, cache hits, max... --off exits after start-up
// (the `--llm off` baseline for the cached re-run comparison).
#include <chrono>
#include <cstring>
#include <iostream>
#include <string>

#include "llm/body_service.h"

namespace {

class BenchRenderer : public restack::llm::PromptRenderer {
 public:
  std::string render(const std::string& name, const nlohmann::json& c) override {
    if (name == "system.j2") return "You write the bodies of Restack functions.";
    if (name == "repair.j2") return "Fix: " + c["error"].get<std::string>();
    return "Write " + c["function"]["name"].get<std::string>() + ": " + c["function"]["description"].get<std::string>();
  }
};

}  // namespace

int main(int argc, char** argv) {
  using namespace restack::llm;
  std::string base_url, cache_dir = "/tmp/restack-gen-bench-cache", validator = "none";
  int functions = 40, jobs = 4;
  bool no_cache = false, off = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
    if (a == "--base-url") base_url = next();
    else if (a == "--functions") functions = std::stoi(next());
    else if (a == "--jobs") jobs = std::stoi(next());
    else if (a == "--cache-dir") cache_dir = next();
    else if (a == "--validator") validator = next();
    else if (a == "--no-cache") no_cache = true;
    else if (a == "--off") off = true;
    else {
      std::cerr << "driver: unknown argument " << a << "\n";
      return 2;
    }
  }
  auto start = std::chrono::steady_clock::now();
  if (off) {
    std::cout << "{\"wall_s\": 0}\n";
    return 0;
  }
  ServiceOptions o;
  o.settings.provider = "openai-compatible";
  o.settings.model = "bench";
  o.settings.base_url = base_url;
  o.settings.jobs = jobs;
  o.settings.cache_dir = cache_dir;
  std::string error;
  auto cache = no_cache ? nullptr : open_cache("sqlite", cache_dir, &error);
  if (!no_cache && !cache) {
    std::cerr << "driver: " << error << "\n";
    return 3;
  }
  o.cache = cache.get();
  o.cache_mode = no_cache ? CacheMode::kOff : CacheMode::kUse;
  BenchRenderer renderer;
  o.renderer = &renderer;
  if (validator == "none") o.validator = [](const std::string&) { return std::optional<std::string>(); };
  BodyService service(o);
  std::vector<BodyRequest> requests;
  for (int i = 0; i < functions; ++i) {
    BodyRequest r;
    r.id = "bench:" + std::to_string(i);
    r.function.name = "function_" + std::to_string(i);
    r.function.description = "doubles its input (" + std::to_string(i) + ")";
    requests.push_back(r);
  }
  auto results = service.generate(requests);
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  int ok = 0;
  for (const auto& r : results) ok += r.ok();
  std::cout << "{\"wall_s\": " << wall << ", \"ok\": " << ok << ", \"requests\": " << service.metrics().requests.load()
            << ", \"cache_hits\": " << service.metrics().cache_hits.load() << "}\n";
  return exit_code_for(results);
}
