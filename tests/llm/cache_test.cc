// The answer stores: SQLite (also shared by two processes at once) and a real redis-server.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "common/test_support.h"
#include "llm/cache.h"
#include "llm/cache_key.h"
#include "llm/fake_llm_server.h"

extern char** environ;

namespace restack::llm {
namespace {

using restack::test::TempDir;

void exercise(AnswerCache& cache) {
  EXPECT_FALSE(cache.get("k1"));
  ASSERT_TRUE(cache.put("k1", "    return 1"));
  ASSERT_TRUE(cache.put("k2", "    return 22"));
  ASSERT_TRUE(cache.put("k1", "    return 111"));  // replaces
  EXPECT_EQ(cache.get("k1").value_or(""), "    return 111");
  auto st = cache.stats();
  ASSERT_TRUE(st);
  EXPECT_EQ(st->entries, 2);
  EXPECT_EQ(st->bytes, 14 + 13);
  EXPECT_GT(st->newest_unix, 1700000000);
  // Nothing is older than a day; everything is older than "-1 s" from now, i.e. prune(0)
  // removes entries stored before this second, so wait for the clock to move.
  EXPECT_EQ(cache.prune(86400).value_or(-1), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  ASSERT_TRUE(cache.put("k3", "fresh"));
  EXPECT_EQ(cache.prune(0.5).value_or(-1), 2);
  EXPECT_TRUE(cache.get("k3"));
  EXPECT_FALSE(cache.get("k1"));
  EXPECT_EQ(cache.clear().value_or(-1), 1);
  EXPECT_EQ(cache.stats()->entries, 0);
}

TEST(CacheKey, CanonicalAndFreeOfTheKey) {
  CacheKeyInputs a{"cerebras", "m", "https://x/v1", 0.2, 100, "1", {{"system", "s"}, {"user", "u"}}};
  CacheKeyInputs b = a;
  EXPECT_EQ(cache_key(a), cache_key(b));
  EXPECT_EQ(cache_key(a).size(), 64u);
  b.messages[1].content = "u2";
  EXPECT_NE(cache_key(a), cache_key(b));
  b = a;
  b.temperature = 0.3;
  EXPECT_NE(cache_key(a), cache_key(b));
  b = a;
  b.prompt_version = "2";
  EXPECT_NE(cache_key(a), cache_key(b));
  std::string canon = canonical_key_json(a);
  EXPECT_EQ(canon.find(' '), std::string::npos);
  EXPECT_LT(canon.find("\"base_url\""), canon.find("\"messages\""));  // sorted keys
}

TEST(SqliteCache, Operations) {
  TempDir dir;
  std::string error;
  auto cache = open_cache("sqlite", dir.path() / "nested", &error);
  ASSERT_TRUE(cache) << error;
  EXPECT_EQ(cache->location(), (dir.path() / "nested" / "answers.sqlite3").string());
  exercise(*cache);
}

TEST(SqliteCache, OffAndBadSpecs) {
  TempDir dir;
  std::string error;
  EXPECT_FALSE(open_cache("off", dir.path(), &error));
  EXPECT_EQ(error, "");
  EXPECT_FALSE(open_cache("memcached://x", dir.path(), &error));
  EXPECT_NE(error.find("unknown cache"), std::string::npos);
  EXPECT_FALSE(open_cache("sqlite:/proc/no/such/dir/x.db", dir.path(), &error));
  EXPECT_NE(error.find("cannot"), std::string::npos);
}

TEST(SqliteCache, TwoProcessesWriteAtOnce) {
  TempDir dir;
  auto file = dir.path() / "shared.sqlite3";
  std::string error;
  ASSERT_TRUE(open_sqlite_cache(file, &error)) << error;  // create the schema first
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto mine = open_sqlite_cache(file, nullptr);
    int ok = 0;
    for (int i = 0; i < 150 && mine; ++i) ok += mine->put("child-" + std::to_string(i), std::string(500, 'c'));
    _exit(ok == 150 ? 0 : 1);
  }
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 2; ++t)
    threads.emplace_back([&, t] {
      auto mine = open_sqlite_cache(file, nullptr);
      for (int i = 0; i < 75 && mine; ++i) ok += mine->put("parent-" + std::to_string(t) + "-" + std::to_string(i), "p");
    });
  for (auto& t : threads) t.join();
  int status = 0;
  waitpid(child, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_EQ(ok.load(), 150);
  auto cache = open_sqlite_cache(file, &error);
  EXPECT_EQ(cache->stats()->entries, 300);
  EXPECT_EQ(cache->get("child-149").value_or(""), std::string(500, 'c'));
}

TEST(RedisUrl, Parses) {
  auto a = parse_redis_url("redis://cache.example:6380/3");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->host, "cache.example");
  EXPECT_EQ(a->port, 6380);
  EXPECT_EQ(a->db, 3);
  a = parse_redis_url("redis://10.0.0.1");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->port, 6379);
  EXPECT_EQ(a->db, 0);
  EXPECT_FALSE(parse_redis_url("redis://h:99999/0"));
  EXPECT_FALSE(parse_redis_url("redis://h:6379/x"));
  EXPECT_FALSE(parse_redis_url("redis://user:pw@h:6379/0"));
  EXPECT_FALSE(parse_redis_url("http://h"));
}

/// A real redis-server on 127.0.0.1 and a free port, for the lifetime of the fixture.
class RedisServer : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* binary = "/usr/bin/redis-server";
    if (access(binary, X_OK) != 0) GTEST_SKIP() << "redis-server is not installed (apt-get install redis-server)";
    port_ = restack::test::unused_port();
    std::string port = std::to_string(port_);
    std::vector<std::string> argv = {binary, "--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                                     "--dir", dir_.path().string(), "--loglevel", "warning"};
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    ASSERT_EQ(posix_spawn(&pid_, binary, &actions, nullptr, args.data(), environ), 0);
    posix_spawn_file_actions_destroy(&actions);
    for (int i = 0; i < 200; ++i) {
      std::string error;
      if (open_redis_cache({"127.0.0.1", port_, 0}, &error, 0.2)) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    FAIL() << "redis-server did not start on port " << port_;
  }
  void TearDown() override {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status;
      waitpid(pid_, &status, 0);
    }
  }
  TempDir dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

TEST_F(RedisServer, Operations) {
  std::string error;
  auto cache = open_cache("redis://127.0.0.1:" + std::to_string(port_) + "/2", {}, &error);
  ASSERT_TRUE(cache) << error;
  EXPECT_EQ(cache->location(), "redis://127.0.0.1:" + std::to_string(port_) + "/2");
  exercise(*cache);
}

TEST_F(RedisServer, DatabasesAreSeparate) {
  std::string error;
  auto db1 = open_cache("redis://127.0.0.1:" + std::to_string(port_) + "/1", {}, &error);
  auto db2 = open_cache("redis://127.0.0.1:" + std::to_string(port_) + "/2", {}, &error);
  ASSERT_TRUE(db1 && db2) << error;
  ASSERT_TRUE(db1->put("k", "v"));
  EXPECT_FALSE(db2->get("k"));
  EXPECT_EQ(db1->get("k").value_or(""), "v");
}

TEST(RedisCache, UnreachableServerIsAnError) {
  std::string error;
  auto cache = open_cache("redis://127.0.0.1:" + std::to_string(restack::test::unused_port()) + "/0", {}, &error);
  EXPECT_FALSE(cache);
  EXPECT_NE(error.find("cannot connect to the cache at redis://127.0.0.1:"), std::string::npos) << error;
}

}  // namespace
}  // namespace restack::llm
