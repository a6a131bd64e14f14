#include "llm/fake_llm_server.h"

#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace restack::test {

std::string completion_body(const std::string& content, int prompt_tokens, int completion_tokens) {
  nlohmann::json j = {
      {"id", "chatcmpl-fake"},
      {"object", "chat.completion"},
      {"model", "fake-model"},
      {"choices", {{{"index", 0}, {"message", {{"role", "assistant"}, {"content", content}}}, {"finish_reason", "stop"}}}},
      {"usage",
       {{"prompt_tokens", prompt_tokens},
        {"completion_tokens", completion_tokens},
        {"total_tokens", prompt_tokens + completion_tokens}}},
  };
  return j.dump();
}

FakeLlmServer::FakeLlmServer(bool keep_alive) : server_(std::make_unique<httplib::Server>()) {
  // Enough handler threads that the server never limits the client's concurrency.
  server_->new_task_queue = [] { return new httplib::ThreadPool(64); };
  // Headers and body go out as soon as written, as from a real provider: with Nagle's algorithm
  // the body waited for the client's delayed ACK of the headers, ~33 ms added to every answer
  // (bench/llm.sh's -j 8 run: 1.96 s against an ideal 1.5 s; 1.55 s without).
  server_->set_tcp_nodelay(true);
  if (keep_alive) server_->set_keep_alive_timeout(1);
  else server_->set_keep_alive_max_count(1);
  server_->set_idle_interval(0, 1000);  // notice a reused connection's next request within 1 ms
  server_->Post("/v1/chat/completions", [this](const httplib::Request& req, httplib::Response& res) {
    int now = ++in_flight_;
    for (int seen = max_in_flight_.load(); now > seen && !max_in_flight_.compare_exchange_weak(seen, now);) {
    }
    ++requests_;
    auto request = nlohmann::json::parse(req.body, nullptr, false);
    {
      std::lock_guard lock(mutex_);
      received_.push_back(request);
      auth_.push_back(req.get_header_value("Authorization"));
      arrivals_.push_back(std::chrono::steady_clock::now());
    }
    FakeReply reply = next(request);
    // Exactly DELAY_MS (not rounded up to a slice), waking early only when the server stops.
    auto answer_at = std::chrono::steady_clock::now() + std::chrono::milliseconds(reply.delay_ms);
    while (!stopping_ && std::chrono::steady_clock::now() < answer_at)
      std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
          answer_at - std::chrono::steady_clock::now(), std::chrono::milliseconds(5)));
    res.status = reply.status;
    for (const auto& [k, v] : reply.headers) res.set_header(k, v);
    if (reply.sse) {
      std::vector<std::string> events;
      for (size_t i = 0; i < reply.content.size(); i += 5) {
        nlohmann::json delta = {{"choices", {{{"index", 0}, {"delta", {{"content", reply.content.substr(i, 5)}}}}}}};
        events.push_back("data: " + delta.dump() + "\n\n");
      }
      nlohmann::json usage = {{"choices", nlohmann::json::array()},
                              {"usage", {{"prompt_tokens", reply.prompt_tokens}, {"completion_tokens", reply.completion_tokens}}}};
      events.push_back("data: " + usage.dump() + "\n\n");
      if (reply.sse_done) events.push_back("data: [DONE]\n\n");
      auto shared = std::make_shared<std::vector<std::string>>(std::move(events));
      auto index = std::make_shared<size_t>(0);
      res.set_chunked_content_provider("text/event-stream", [shared, index](size_t, httplib::DataSink& sink) {
        if (*index < shared->size()) {
          const std::string& e = (*shared)[(*index)++];
          sink.write(e.data(), e.size());
        } else {
          sink.done();
        }
        return true;
      });
    } else {
      std::string body = reply.body.empty() && reply.status == 200
                             ? completion_body(reply.content, reply.prompt_tokens, reply.completion_tokens)
                             : reply.body;
      if (reply.truncate) {
        auto shared = std::make_shared<std::string>(body);
        res.set_content_provider(body.size(), "application/json", [shared](size_t offset, size_t, httplib::DataSink& sink) {
          if (offset == 0) {
            sink.write(shared->data(), shared->size() / 2);
            return true;
          }
          return false;  // abort: the client sees a short body and a closed connection
        });
      } else {
        res.set_content(body, "application/json");
      }
    }
    --in_flight_;
  });
  port_ = server_->bind_to_any_port("127.0.0.1");
  if (port_ <= 0) throw std::runtime_error("fake LLM server: cannot bind 127.0.0.1");
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  while (!server_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

FakeLlmServer::~FakeLlmServer() {
  stopping_ = true;
  server_->stop();
  if (thread_.joinable()) thread_.join();
}

std::string FakeLlmServer::base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1"; }

void FakeLlmServer::script(std::vector<FakeReply> replies) {
  std::lock_guard lock(mutex_);
  script_.assign(replies.begin(), replies.end());
}

void FakeLlmServer::set_default(FakeReply reply) {
  std::lock_guard lock(mutex_);
  default_ = std::move(reply);
}

void FakeLlmServer::set_handler(Handler handler) {
  std::lock_guard lock(mutex_);
  handler_ = std::move(handler);
}

FakeReply FakeLlmServer::next(const nlohmann::json& request) {
  Handler handler;
  {
    std::lock_guard lock(mutex_);
    if (!handler_) {
      if (script_.empty()) return default_;
      FakeReply r = script_.front();
      script_.pop_front();
      return r;
    }
    handler = handler_;
  }
  return handler(request);
}

std::vector<nlohmann::json> FakeLlmServer::received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

std::vector<std::string> FakeLlmServer::authorization_headers() const {
  std::lock_guard lock(mutex_);
  return auth_;
}

std::vector<std::chrono::steady_clock::time_point> FakeLlmServer::arrivals() const {
  std::lock_guard lock(mutex_);
  return arrivals_;
}

int unused_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  close(fd);
  return port;
}

}  // namespace restack::test
