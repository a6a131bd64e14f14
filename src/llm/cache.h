#pragma once
// The answer cache: validated function bodies keyed by the SHA-256 of everything that shaped
// the answer (cache_key.h). Two stores: SQLite on the local disk (default) and Redis for teams
// and CI fleets. Values never hold the API key: they are bodies that passed validation.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace restack::llm {

/// Seconds since the Unix epoch: the unit both cache back ends store answer ages in.
inline int64_t unix_now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

struct CacheStats {
  int64_t entries = 0;
  int64_t bytes = 0;          // sum of stored values
  int64_t oldest_unix = 0;    // 0 when empty
  int64_t newest_unix = 0;
  std::string location;       // file path or redis URL
};

class AnswerCache {
 public:
  virtual ~AnswerCache() = default;
  /// The value under KEY, or nothing (also on a store error, which is logged by the caller
  /// through last_error(): a broken cache must not stop generation).
  virtual std::optional<std::string> get(const std::string& key) = 0;
  /// Stores VALUE under KEY (replacing). False on a store error.
  virtual bool put(const std::string& key, const std::string& value) = 0;
  virtual std::optional<CacheStats> stats() = 0;
  /// Removes every entry; the count removed, or nothing on error.
  virtual std::optional<int64_t> clear() = 0;
  /// Removes entries stored more than AGE_SECONDS ago; the count removed.
  virtual std::optional<int64_t> prune(double age_seconds) = 0;
  virtual std::string location() const = 0;
  virtual std::string last_error() const = 0;
};

/// Opens the store a `--cache` setting names: "sqlite" (CACHE_DIR/answers.sqlite3),
/// "sqlite:PATH", "redis://HOST[:PORT][/DB]". "off" gives nullptr without error.
/// On failure returns nullptr and sets *ERROR (e.g. "cannot connect to redis at ...").
std::unique_ptr<AnswerCache> open_cache(const std::string& spec, const std::filesystem::path& cache_dir,
                                        std::string* error);

std::unique_ptr<AnswerCache> open_sqlite_cache(const std::filesystem::path& file, std::string* error);

struct RedisAddress {
  std::string host = "127.0.0.1";
  int port = 6379;
  int db = 0;
};
/// Parses redis://HOST[:PORT][/DB]; nothing when malformed.
std::optional<RedisAddress> parse_redis_url(const std::string& url);
std::unique_ptr<AnswerCache> open_redis_cache(const RedisAddress& address, std::string* error,
                                              double timeout_s = 5);

}  // namespace restack::llm
