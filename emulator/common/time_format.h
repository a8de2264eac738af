#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace preflight {

// Seconds since the Unix epoch.
std::int64_t unix_now();
// Milliseconds since the Unix epoch.
std::int64_t unix_now_ms();

// "20150830T123600Z" (SigV4's X-Amz-Date) <-> epoch seconds.
std::string amz_date(std::int64_t epoch);
std::optional<std::int64_t> parse_amz_date(std::string_view s);
// "2015-08-30T12:36:00Z" / with milliseconds "2015-08-30T12:36:00.123Z".
std::string iso8601(std::int64_t epoch);
std::string iso8601_ms(std::int64_t epoch_ms);
// RFC 7231 date, as in the HTTP Date header: "Sun, 30 Aug 2015 12:36:00 GMT".
std::string http_date(std::int64_t epoch);
std::optional<std::int64_t> parse_http_date(std::string_view s);

}  // namespace preflight
