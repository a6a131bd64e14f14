// The local answer store: one SQLite file in WAL mode. WAL lets readers run while one process
// writes; busy_timeout makes a second writer (another restack-gen process) wait instead of
// failing with SQLITE_BUSY. One connection per AnswerCache, guarded by a mutex for the worker
// threads (statements are prepared per call: the cache sees tens of operations, not millions).
#include <sqlite3.h>

#include <chrono>
#include <mutex>

#include "llm/cache.h"

namespace restack::llm {
namespace {

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Db = std::unique_ptr<sqlite3, DbCloser>;
using Stmt = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

class SqliteCache final : public AnswerCache {
 public:
  SqliteCache(Db db, std::filesystem::path file) : db_(std::move(db)), file_(std::move(file)) {}

  std::optional<std::string> get(const std::string& key) override {
    std::lock_guard lock(mutex_);
    Stmt s = prepare("SELECT value FROM answers WHERE key = ?1");
    if (!s) return std::nullopt;
    sqlite3_bind_text(s.get(), 1, key.c_str(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
    int rc = sqlite3_step(s.get());
    if (rc == SQLITE_ROW) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s.get(), 0));
      return std::string(text ? text : "", static_cast<size_t>(sqlite3_column_bytes(s.get(), 0)));
    }
    if (rc != SQLITE_DONE) remember_error();
    return std::nullopt;
  }

  bool put(const std::string& key, const std::string& value) override {
    std::lock_guard lock(mutex_);
    Stmt s = prepare("INSERT OR REPLACE INTO answers(key, value, created) VALUES (?1, ?2, ?3)");
    if (!s) return false;
    sqlite3_bind_text(s.get(), 1, key.c_str(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(s.get(), 2, value.c_str(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(s.get(), 3, unix_now_seconds());
    if (sqlite3_step(s.get()) != SQLITE_DONE) {
      remember_error();
      return false;
    }
    return true;
  }

  std::optional<CacheStats> stats() override {
    std::lock_guard lock(mutex_);
    Stmt s = prepare("SELECT COUNT(*), COALESCE(SUM(LENGTH(CAST(value AS BLOB))), 0), COALESCE(MIN(created), 0), "
                     "COALESCE(MAX(created), 0) FROM answers");
    if (!s || sqlite3_step(s.get()) != SQLITE_ROW) {
      remember_error();
      return std::nullopt;
    }
    CacheStats st;
    st.entries = sqlite3_column_int64(s.get(), 0);
    st.bytes = sqlite3_column_int64(s.get(), 1);
    st.oldest_unix = sqlite3_column_int64(s.get(), 2);
    st.newest_unix = sqlite3_column_int64(s.get(), 3);
    st.location = file_.string();
    return st;
  }

  std::optional<int64_t> clear() override { return remove("DELETE FROM answers", -1); }

  std::optional<int64_t> prune(double age_seconds) override {
    return remove("DELETE FROM answers WHERE created < ?1", unix_now_seconds() - static_cast<int64_t>(age_seconds));
  }

  std::string location() const override { return file_.string(); }
  std::string last_error() const override {
    std::lock_guard lock(mutex_);
    return error_;
  }

 private:
  std::optional<int64_t> remove(const char* sql, int64_t before) {
    std::lock_guard lock(mutex_);
    Stmt s = prepare(sql);
    if (!s) return std::nullopt;
    if (before >= 0) sqlite3_bind_int64(s.get(), 1, before);
    if (sqlite3_step(s.get()) != SQLITE_DONE) {
      remember_error();
      return std::nullopt;
    }
    return sqlite3_changes(db_.get());
  }

  Stmt prepare(const char* sql) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db_.get(), sql, -1, &raw, nullptr) != SQLITE_OK) {
      remember_error();
      return nullptr;
    }
    return Stmt(raw);
  }
  void remember_error() { error_ = file_.string() + ": " + sqlite3_errmsg(db_.get()); }

  Db db_;
  std::filesystem::path file_;
  mutable std::mutex mutex_;
  std::string error_;
};

}  // namespace

std::unique_ptr<AnswerCache> open_sqlite_cache(const std::filesystem::path& file, std::string* error) {
  std::error_code ec;
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
  if (ec) {
    if (error) *error = "cannot create cache folder " + file.parent_path().string() + ": " + ec.message();
    return nullptr;
  }
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK) {
    if (error) *error = "cannot open cache " + file.string() + ": " + (raw ? sqlite3_errmsg(raw) : "out of memory");
    return nullptr;
  }
  // busy_timeout first: setting WAL itself needs a lock another process may hold.
  sqlite3_busy_timeout(db.get(), 15000);
  const char* setup =
      "PRAGMA journal_mode=WAL;"
      "PRAGMA synchronous=NORMAL;"
      "CREATE TABLE IF NOT EXISTS answers(key TEXT PRIMARY KEY, value TEXT NOT NULL, created INTEGER NOT NULL);"
      "CREATE INDEX IF NOT EXISTS answers_created ON answers(created);";
  char* message = nullptr;
  if (sqlite3_exec(db.get(), setup, nullptr, nullptr, &message) != SQLITE_OK) {
    if (error) *error = "cannot set up cache " + file.string() + ": " + (message ? message : "?");
    sqlite3_free(message);
    return nullptr;
  }
  return std::make_unique<SqliteCache>(std::move(db), file);
}

std::unique_ptr<AnswerCache> open_cache(const std::string& spec, const std::filesystem::path& cache_dir,
                                        std::string* error) {
  if (spec == "off") return nullptr;
  if (spec.empty() || spec == "sqlite") return open_sqlite_cache(cache_dir / "answers.sqlite3", error);
  if (spec.rfind("sqlite:", 0) == 0) return open_sqlite_cache(spec.substr(7), error);
  if (spec.rfind("redis://", 0) == 0) {
    auto address = parse_redis_url(spec);
    if (!address) {
      if (error) *error = "invalid redis URL '" + spec + "': expected redis://HOST[:PORT][/DB]";
      return nullptr;
    }
    return open_redis_cache(*address, error);
  }
  if (error) *error = "unknown cache '" + spec + "': expected sqlite, sqlite:PATH, redis://HOST:PORT/DB or off";
  return nullptr;
}

}  // namespace restack::llm
