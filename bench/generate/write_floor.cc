// Times only writing a generated tree: the part of generation no generator can make faster.
//
// usage: write_floor TREE NEW_FOLDER [THREADS]
//
// Reads every file of TREE into memory first, then creates NEW_FOLDER with the same folders and
// files (open, write, close: what both pipelines of bench/generate.sh do per file) and prints the
// milliseconds that took. Both pipelines pay this to the kernel; on a small virtual machine it is
// a large part of restack-gen's whole run, so bench/generate.sh prints it beside the ratio.
// With THREADS (default 1) threads, the files are shared out 16 at a time: two threads creating
// files in one folder contend for its lock, but on a small VM they still finish sooner than one.
// Compiled by bench/generate.sh (c++ -O2); a benchmark tool, not part of restack-gen.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) {
    std::fprintf(stderr, "usage: write_floor TREE NEW_FOLDER [THREADS]\n");
    return 2;
  }
  const int threads = argc == 4 ? std::max(1, std::atoi(argv[3])) : 1;
  const fs::path tree = argv[1], target = argv[2];
  std::vector<fs::path> folders{"."};
  std::vector<std::pair<fs::path, std::string>> files;
  for (const auto& entry : fs::recursive_directory_iterator(tree)) {
    const fs::path relative = fs::relative(entry.path(), tree);
    if (entry.is_directory()) {
      folders.push_back(relative);
    } else {
      std::ifstream in(entry.path(), std::ios::binary);
      std::ostringstream data;
      data << in.rdbuf();
      files.emplace_back(relative, data.str());
    }
  }
  const auto start = std::chrono::steady_clock::now();
  for (const auto& folder : folders) fs::create_directories(target / folder);
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  auto write_files = [&] {
    constexpr size_t kChunk = 16;
    for (size_t begin; (begin = next.fetch_add(kChunk)) < files.size();) {
      for (size_t i = begin; i < std::min(begin + kChunk, files.size()); ++i) {
        const auto& [relative, data] = files[i];
        const int fd = open((target / relative).c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0 || write(fd, data.data(), data.size()) != static_cast<ssize_t>(data.size())) {
          std::perror(relative.c_str());
          failed = true;
          return;
        }
        close(fd);
      }
    }
  };
  std::vector<std::thread> helpers;
  for (int t = 1; t < threads; ++t) helpers.emplace_back(write_files);
  write_files();
  for (auto& helper : helpers) helper.join();
  if (failed) return 1;
  const std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - start;
  std::printf("%.1f\n", elapsed.count());
  return 0;
}
