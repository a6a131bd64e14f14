// `restack-gen cache stats|clear|prune --older-than 30d [--cache URL]`: the LLM answer cache
// (SQLite under RESTACK_GEN_CACHE_DIR / XDG_CACHE_HOME, or Redis).
#include <ctime>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli/command.h"
#include "common/diagnostic_printer.h"
#include "common/exit_codes.h"
#include "llm/cache.h"
#include "llm/duration.h"
#include "llm/settings.h"

namespace restack::cli {
namespace {

struct CacheArgs {
  std::string cache;
  std::string older_than;
  std::string format = "text";
};

std::string date_of(int64_t unix_time) {
  if (unix_time == 0) return "-";
  std::time_t t = static_cast<std::time_t>(unix_time);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%SZ", &tm);
  return buf;
}

int run(const std::string& action, const CacheArgs& args, const GlobalOptions& global) {
  std::map<std::string, std::string> flags;
  if (!args.cache.empty()) flags["cache"] = args.cache;
  DiagnosticSink sink;
  llm::Settings settings = llm::resolve_settings(llm::SettingsInputs::from_process(flags), sink);
  print_text(std::cerr, sink.all(), {.color = global.use_color(2)});
  if (sink.has_errors()) return kExitProblems;
  if (settings.cache == "off") {
    std::cerr << "restack-gen: the answer cache is off (--cache off or RESTACK_GEN_CACHE=off); nothing to do\n";
    return kExitOk;
  }
  std::optional<double> age;
  if (action == "prune") {
    age = llm::parse_duration_seconds(args.older_than);
    if (!age) {
      std::cerr << "restack-gen: error: --older-than '" << args.older_than
                << "' is not a duration; use e.g. 30d, 12h, 90m\n";
      return kExitUsage;
    }
  }
  std::string error;
  auto cache = llm::open_cache(settings.cache, settings.cache_dir, &error);
  bool remote = settings.cache.rfind("redis://", 0) == 0;
  if (!cache) {
    std::cerr << "restack-gen: error: " << error << "\n";
    return remote ? kExitExternal : kExitProblems;
  }
  auto failed = [&] {
    std::cerr << "restack-gen: error: " << cache->last_error() << "\n";
    return remote ? kExitExternal : kExitProblems;
  };
  if (action == "stats") {
    auto st = cache->stats();
    if (!st) return failed();
    if (args.format == "json") {
      nlohmann::json j = {{"location", st->location}, {"entries", st->entries}, {"bytes", st->bytes},
                          {"oldest_unix", st->oldest_unix}, {"newest_unix", st->newest_unix}};
      std::cout << j.dump(2) << "\n";
    } else {
      std::cout << fmt::format("location  {}\nentries   {}\nbytes     {}\noldest    {}\nnewest    {}\n", st->location,
                               st->entries, st->bytes, date_of(st->oldest_unix), date_of(st->newest_unix));
    }
    return kExitOk;
  }
  std::optional<int64_t> removed = action == "clear" ? cache->clear() : cache->prune(*age);
  if (!removed) return failed();
  if (args.format == "json") std::cout << nlohmann::json{{"location", cache->location()}, {"removed", *removed}}.dump(2) << "\n";
  else std::cout << fmt::format("removed {} entr{} from {}\n", *removed, *removed == 1 ? "y" : "ies", cache->location());
  return kExitOk;
}

}  // namespace

Command cache_command() {
  return Command{
      "cache", "Inspect or empty the LLM answer cache (stats, clear, prune --older-than 30d)",
      [](CLI::App& sub, const GlobalOptions& global) -> Runner {
        sub.require_subcommand(1, 1);
        auto args = std::make_shared<CacheArgs>();
        auto action = std::make_shared<std::string>();
        auto common = [&](CLI::App* app) {
          app->add_option("--cache", args->cache, "The cache: sqlite (default), sqlite:PATH or redis://HOST:PORT/DB");
          app->add_option("--format", args->format, "Output format: text (default) or json")
              ->check(CLI::IsMember({"text", "json"}));
          app->callback([action, app] { *action = app->get_name(); });
        };
        common(sub.add_subcommand("stats", "Entries, size and age of the cache"));
        common(sub.add_subcommand("clear", "Remove every cached answer"));
        CLI::App* prune = sub.add_subcommand("prune", "Remove answers older than a duration");
        prune->add_option("--older-than", args->older_than, "Age, e.g. 30d, 12h, 90m")->required();
        common(prune);
        return [args, action, &global] { return run(*action, *args, global); };
      }};
}

}  // namespace restack::cli
