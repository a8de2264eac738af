#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace preflight {

// Raw digests (binary strings) and their hex forms, via OpenSSL.
std::string sha256(std::string_view data);
std::string sha256_hex(std::string_view data);
std::string hmac_sha256(std::string_view key, std::string_view data);
std::string md5_hex(std::string_view data);

std::string base64_encode(std::string_view bytes);
// Standard alphabet with padding; nullopt when the input is not valid base64.
std::optional<std::string> base64_decode(std::string_view text);
// RFC 4648 section 5 (URL and filename safe alphabet, '-' and '_') without padding, as JWTs and
// JWKs use it. Decoding is strict: no padding, no whitespace, zero trailing bits; else nullopt.
std::string base64url_encode(std::string_view bytes);
std::optional<std::string> base64url_decode(std::string_view text);

// Constant-time comparison for secrets and signatures.
bool constant_time_equals(std::string_view a, std::string_view b);

}  // namespace preflight
