#pragma once
// SHA-256 (FIPS 180-4), for cache keys. A small self-contained implementation rather than
// OpenSSL's libcrypto: the module then links nothing beyond libcurl for hashing a few KB per key.
#include <string>
#include <string_view>

namespace restack::llm {

/// Lower-case hex digest of DATA.
std::string sha256_hex(std::string_view data);

}  // namespace restack::llm
