#pragma once
// A fake OpenAI-compatible chat-completions service (POST /v1/chat/completions) on 127.0.0.1
// and a free port, scripted per test: each request takes the next scripted reply (then the
// default one), or a handler computes it. It records what it received and counts requests in
// flight, so tests can assert retries, concurrency and that no secret is sent where it should
// not be. Also used by bench/llm.sh.
#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

// Tests script replies with designated initializers that name only the fields they need.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace httplib {
class Server;
}

namespace restack::test {

struct FakeReply {
  int status = 200;
  std::string content = "return None";  // the assistant's answer (when body is empty)
  std::string body;                      // raw body instead of a built completion
  std::map<std::string, std::string> headers;
  int delay_ms = 0;        // before answering
  bool sse = false;        // stream `content` as server-sent events
  bool sse_done = true;    // end the stream with data: [DONE]
  bool truncate = false;   // announce the full length, send half, drop the connection
  int prompt_tokens = 11;
  int completion_tokens = 7;
};

/// An OpenAI chat.completion JSON body answering CONTENT.
std::string completion_body(const std::string& content, int prompt_tokens = 11, int completion_tokens = 7);

class FakeLlmServer {
 public:
  using Handler = std::function<FakeReply(const nlohmann::json& request)>;

  /// KEEP_ALIVE off (tests): one request per connection, so stop() never waits for an idle
  /// kept-alive connection (cpp-httplib only notices a stop after its keep-alive timeout).
  explicit FakeLlmServer(bool keep_alive = false);
  ~FakeLlmServer();
  FakeLlmServer(const FakeLlmServer&) = delete;
  FakeLlmServer& operator=(const FakeLlmServer&) = delete;

  std::string base_url() const;  // http://127.0.0.1:PORT/v1
  int port() const { return port_; }

  void script(std::vector<FakeReply> replies);
  void set_default(FakeReply reply);
  void set_handler(Handler handler);  // overrides script and default

  int requests() const { return requests_.load(); }
  int max_in_flight() const { return max_in_flight_.load(); }
  std::vector<nlohmann::json> received() const;
  std::vector<std::string> authorization_headers() const;
  std::vector<std::chrono::steady_clock::time_point> arrivals() const;

 private:
  FakeReply next(const nlohmann::json& request);

  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::deque<FakeReply> script_;
  FakeReply default_;
  Handler handler_;
  std::vector<nlohmann::json> received_;
  std::vector<std::string> auth_;
  std::vector<std::chrono::steady_clock::time_point> arrivals_;
  std::atomic<int> requests_{0}, in_flight_{0}, max_in_flight_{0};
};

/// A port on 127.0.0.1 where nothing listens (bound then released).
int unused_port();

}  // namespace restack::test
