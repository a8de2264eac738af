#include "emulator/common/ids.h"

#include <random>

namespace preflight {
namespace {

std::mt19937_64& rng() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return engine;
}

}  // namespace

std::string new_uuid() {
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t hi = rng()();
  std::uint64_t lo = rng()();
  hi = (hi & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;  // version 4
  lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // RFC 4122 variant
  std::string out(36, '-');
  int pos = 0;
  for (int i = 0; i < 32; ++i) {
    if (pos == 8 || pos == 13 || pos == 18 || pos == 23) {
      ++pos;
    }
    const std::uint64_t word = i < 16 ? hi : lo;
    const int shift = 60 - 4 * (i % 16);
    out[pos++] = kHex[(word >> shift) & 0xF];
  }
  return out;
}

std::string random_alnum(std::size_t n) {
  static constexpr char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::uniform_int_distribution<std::size_t> pick(0, sizeof kChars - 2);
  std::string out(n, '\0');
  for (auto& c : out) {
    c = kChars[pick(rng())];
  }
  return out;
}

}  // namespace preflight
