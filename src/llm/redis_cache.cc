// The shared answer store: Redis through hiredis 0.14 (Debian 12; no RESP3, no TLS). Each
// answer is a hash `restack-gen:answer:<sha256>` with fields v (the body) and t (unix time
// stored), so prune can work without a second index. hiredis contexts are not thread-safe:
// one mutex serialises the workers (each operation is one round trip on localhost or LAN).
#include <hiredis/hiredis.h>

#include <chrono>
#include <cstdlib>
#include <mutex>
#include <vector>

#include "llm/cache.h"

namespace restack::llm {
namespace {

constexpr const char* kPrefix = "restack-gen:answer:";

struct ContextFree {
  void operator()(redisContext* c) const { redisFree(c); }
};
struct ReplyFree {
  void operator()(redisReply* r) const { freeReplyObject(r); }
};
using Context = std::unique_ptr<redisContext, ContextFree>;
using Reply = std::unique_ptr<redisReply, ReplyFree>;

class RedisCache final : public AnswerCache {
 public:
  RedisCache(Context ctx, RedisAddress address) : ctx_(std::move(ctx)), address_(std::move(address)) {}

  std::optional<std::string> get(const std::string& key) override {
    std::lock_guard lock(mutex_);
    std::string k = kPrefix + key;
    Reply r = command("HGET %b v", k.data(), k.size());
    if (r && r->type == REDIS_REPLY_STRING) return std::string(r->str, r->len);
    return std::nullopt;
  }

  bool put(const std::string& key, const std::string& value) override {
    std::lock_guard lock(mutex_);
    std::string k = kPrefix + key;
    std::string t = std::to_string(unix_now_seconds());
    Reply r = command("HSET %b v %b t %b", k.data(), k.size(), value.data(), value.size(), t.data(), t.size());
    return r && r->type == REDIS_REPLY_INTEGER;
  }

  std::optional<CacheStats> stats() override {
    std::lock_guard lock(mutex_);
    CacheStats st;
    st.location = location();
    bool ok = scan([&](const std::string& k) {
      Reply r = command("HMGET %b v t", k.data(), k.size());
      if (!r || r->type != REDIS_REPLY_ARRAY || r->elements != 2) return false;
      ++st.entries;
      if (r->element[0]->type == REDIS_REPLY_STRING) st.bytes += static_cast<int64_t>(r->element[0]->len);
      if (r->element[1]->type == REDIS_REPLY_STRING) {
        int64_t t = std::atoll(r->element[1]->str);
        st.oldest_unix = st.oldest_unix == 0 ? t : std::min(st.oldest_unix, t);
        st.newest_unix = std::max(st.newest_unix, t);
      }
      return true;
    });
    if (!ok) return std::nullopt;
    return st;
  }

  std::optional<int64_t> clear() override { return remove_if([](int64_t) { return true; }); }

  std::optional<int64_t> prune(double age_seconds) override {
    int64_t before = unix_now_seconds() - static_cast<int64_t>(age_seconds);
    return remove_if([before](int64_t t) { return t < before; });
  }

  std::string location() const override {
    return "redis://" + address_.host + ":" + std::to_string(address_.port) + "/" + std::to_string(address_.db);
  }
  std::string last_error() const override {
    std::lock_guard lock(mutex_);
    return error_;
  }

 private:
  template <typename... Args>
  Reply command(const char* format, Args... args) {
    if (ctx_->err) {
      error_ = location() + ": " + ctx_->errstr;
      return nullptr;
    }
    Reply r(static_cast<redisReply*>(redisCommand(ctx_.get(), format, args...)));
    if (!r) error_ = location() + ": " + (ctx_->err ? ctx_->errstr : "no reply");
    else if (r->type == REDIS_REPLY_ERROR) error_ = location() + ": " + std::string(r->str, r->len);
    return r;
  }

  /// Calls VISIT for every answer key (SCAN, so a large shared store is never blocked).
  template <typename Visit>
  bool scan(Visit visit) {
    std::string cursor = "0";
    std::string pattern = std::string(kPrefix) + "*";
    do {
      Reply r = command("SCAN %s MATCH %b COUNT 500", cursor.c_str(), pattern.data(), pattern.size());
      if (!r || r->type != REDIS_REPLY_ARRAY || r->elements != 2) return false;
      cursor.assign(r->element[0]->str, r->element[0]->len);
      std::vector<std::string> keys;
      for (size_t i = 0; i < r->element[1]->elements; ++i)
        keys.emplace_back(r->element[1]->element[i]->str, r->element[1]->element[i]->len);
      for (const auto& k : keys)
        if (!visit(k)) return false;
    } while (cursor != "0");
    return true;
  }

  template <typename Pred>
  std::optional<int64_t> remove_if(Pred should_remove) {
    std::lock_guard lock(mutex_);
    std::vector<std::string> doomed;
    bool ok = scan([&](const std::string& k) {
      Reply r = command("HGET %b t", k.data(), k.size());
      if (!r) return false;
      int64_t t = r->type == REDIS_REPLY_STRING ? std::atoll(r->str) : 0;
      if (should_remove(t)) doomed.push_back(k);
      return true;
    });
    if (!ok) return std::nullopt;
    int64_t removed = 0;
    for (const auto& k : doomed) {
      Reply r = command("DEL %b", k.data(), k.size());
      if (!r || r->type != REDIS_REPLY_INTEGER) return std::nullopt;
      removed += r->integer;
    }
    return removed;
  }

  Context ctx_;
  RedisAddress address_;
  mutable std::mutex mutex_;
  std::string error_;
};

}  // namespace

std::optional<RedisAddress> parse_redis_url(const std::string& url) {
  if (url.rfind("redis://", 0) != 0) return std::nullopt;
  std::string rest = url.substr(8);
  RedisAddress a;
  if (auto slash = rest.find('/'); slash != std::string::npos) {
    std::string db = rest.substr(slash + 1);
    rest.resize(slash);
    if (!db.empty()) {
      if (db.find_first_not_of("0123456789") != std::string::npos || db.size() > 4) return std::nullopt;
      a.db = std::atoi(db.c_str());
    }
  }
  if (rest.find('@') != std::string::npos) return std::nullopt;  // no AUTH support: say so rather than leak it
  if (auto colon = rest.rfind(':'); colon != std::string::npos) {
    std::string port = rest.substr(colon + 1);
    if (port.empty() || port.find_first_not_of("0123456789") != std::string::npos || port.size() > 5) return std::nullopt;
    a.port = std::atoi(port.c_str());
    if (a.port <= 0 || a.port > 65535) return std::nullopt;
    rest.resize(colon);
  }
  if (!rest.empty()) a.host = rest;
  return a;
}

std::unique_ptr<AnswerCache> open_redis_cache(const RedisAddress& address, std::string* error, double timeout_s) {
  timeval tv{static_cast<time_t>(timeout_s), static_cast<suseconds_t>((timeout_s - static_cast<time_t>(timeout_s)) * 1e6)};
  Context ctx(redisConnectWithTimeout(address.host.c_str(), address.port, tv));
  std::string where = "redis://" + address.host + ":" + std::to_string(address.port) + "/" + std::to_string(address.db);
  if (!ctx || ctx->err) {
    if (error) *error = "cannot connect to the cache at " + where + ": " + (ctx ? ctx->errstr : "out of memory");
    return nullptr;
  }
  redisSetTimeout(ctx.get(), tv);
  Reply r(static_cast<redisReply*>(redisCommand(ctx.get(), "SELECT %d", address.db)));
  if (!r || r->type == REDIS_REPLY_ERROR) {
    if (error) *error = "cannot select database " + std::to_string(address.db) + " at " + where + ": " +
                        (r ? std::string(r->str, r->len) : std::string(ctx->errstr));
    return nullptr;
  }
  return std::make_unique<RedisCache>(std::move(ctx), address);
}

}  // namespace restack::llm
