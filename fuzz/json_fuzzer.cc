// Fuzzes the template engine's JSON reader (template/json_reader.cc): whatever it accepts it
// reads as nlohmann does, it accepts nothing nlohmann refuses, and reading a document's largest
// array on two threads gives exactly what one thread gives (same acceptance, same values).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "template/data.h"
#include "template/json_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  using restack::tmpl::read_json_fast;
  restack::tmpl::Value one, two;
  bool ok_one = read_json_fast(text, one, {.split_min_bytes = 0, .threads = 1});
  bool ok_two = read_json_fast(text, two, {.split_min_bytes = 16, .threads = 2});
  if (ok_one != ok_two) std::abort();
  if (!ok_one) return 0;
  // Deep documents are compared by acceptance only (repr recurses).
  if (size > 4096) return 0;
  std::string a = restack::tmpl::repr(one), b = restack::tmpl::repr(two);
  if (a != b) std::abort();
  nlohmann::ordered_json j;
  try {
    j = nlohmann::ordered_json::parse(text);
  } catch (const nlohmann::json::exception&) {
    std::abort();  // the fast reader accepted what nlohmann refuses
  }
  if (restack::tmpl::repr(restack::tmpl::from_json(j)) != a) std::abort();
  return 0;
}
