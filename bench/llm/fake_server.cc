// bench/llm.sh's stand-in for an LLM service: the tests' fake OpenAI-compatible server,
// answering every request with a valid body after a fixed delay.
// Usage: fake_server PORT_FILE DELAY_MS   (writes the port, serves until SIGTERM/SIGINT)
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <thread>

#include "llm/fake_llm_server.h"

namespace {
volatile std::sig_atomic_t stop = 0;
void on_signal(int) { stop = 1; }
}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: fake_server PORT_FILE DELAY_MS\n";
    return 2;
  }
  std::signal(SIGTERM, on_signal);
  std::signal(SIGINT, on_signal);
  restack::test::FakeLlmServer server(/*keep_alive=*/true);  // like a real provider
  server.set_default({.content = "```python\nresult = input.value * 2\nreturn Output(value=result)\n```",
                      .delay_ms = std::atoi(argv[2])});
  std::ofstream(argv[1]) << server.port() << "\n";
  while (!stop) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  std::cerr << "fake_server: served " << server.requests() << " requests, at most " << server.max_in_flight()
            << " at once\n";
  return 0;
}
