#include "emulator/common/time_format.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace preflight {
namespace {

std::tm utc(std::int64_t epoch) {
  const auto t = static_cast<std::time_t>(epoch);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return tm;
}

std::string format(std::int64_t epoch, const char* fmt) {
  const std::tm tm = utc(epoch);
  char buf[64];
  const auto n = std::strftime(buf, sizeof buf, fmt, &tm);
  return std::string(buf, n);
}

std::optional<std::int64_t> parse(std::string_view s, const char* fmt) {
  const std::string text(s);
  std::tm tm{};
  const char* end = strptime(text.c_str(), fmt, &tm);
  if (end == nullptr || *end != '\0') {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(timegm(&tm));
}

}  // namespace

std::int64_t unix_now() {
  using namespace std::chrono;
  return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

std::int64_t unix_now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string amz_date(std::int64_t epoch) {
  return format(epoch, "%Y%m%dT%H%M%SZ");
}

std::optional<std::int64_t> parse_amz_date(std::string_view s) {
  if (s.size() != 16) {
    return std::nullopt;
  }
  // strptime is lenient (leading spaces, short fields, Feb 30, second 60); accept only the
  // canonical form, which formats back to itself.
  const auto epoch = parse(s, "%Y%m%dT%H%M%SZ");
  if (!epoch || amz_date(*epoch) != s) {
    return std::nullopt;
  }
  return epoch;
}

std::string iso8601(std::int64_t epoch) {
  return format(epoch, "%Y-%m-%dT%H:%M:%SZ");
}

std::string iso8601_ms(std::int64_t epoch_ms) {
  auto base = format(epoch_ms / 1000, "%Y-%m-%dT%H:%M:%S");
  char ms[8];
  std::snprintf(ms, sizeof ms, ".%03dZ", static_cast<int>(epoch_ms % 1000));
  return base + ms;
}

std::string http_date(std::int64_t epoch) {
  return format(epoch, "%a, %d %b %Y %H:%M:%S GMT");
}

std::optional<std::int64_t> parse_http_date(std::string_view s) {
  return parse(s, "%a, %d %b %Y %H:%M:%S GMT");
}

}  // namespace preflight
