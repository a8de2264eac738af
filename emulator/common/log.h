#pragma once

#include <cstdint>
#include <string_view>

namespace preflight::log {

enum class Format { Text, Json, Off };

void set_format(Format format);
Format format();

struct RequestLine {
  std::string_view request_id;
  std::string_view service;    // "sts", "internal", "-" when unknown
  std::string_view operation;  // "GetCallerIdentity", or the HTTP path for raw routes
  int status = 0;
  std::int64_t latency_us = 0;
  std::string_view error_code;  // empty on success
};

// One line per request on stderr. Only the dispatcher calls this.
void request(const RequestLine& line);
// Lifecycle messages (startup warnings, shutdown); always written unless the format is Off.
void info(std::string_view message);
void warn(std::string_view message);
void error(std::string_view message);

}  // namespace preflight::log
