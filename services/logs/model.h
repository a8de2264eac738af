#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace preflight::logs {

struct LogGroup {
  std::int64_t id = 0;
  std::string account_id;
  std::string region;
  std::string name;
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> retention_days;
  std::string kms_key_id;  // empty: none
  std::map<std::string, std::string> tags;
  std::int64_t stored_bytes = 0;

  // "arn:aws:logs:REGION:ACCOUNT:log-group:NAME" (logGroupArn; DescribeLogGroups' arn adds ":*").
  std::string arn() const;
  // Events older than this are hidden and rejected as expired; nullopt without a retention.
  std::optional<std::int64_t> retention_cutoff_ms(std::int64_t now_ms) const;
};

struct LogStream {
  std::int64_t id = 0;
  std::int64_t group_id = 0;
  std::string name;
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> first_event_ms;
  std::optional<std::int64_t> last_event_ms;
  std::optional<std::int64_t> last_ingestion_ms;
  std::int64_t stored_bytes = 0;
  std::int64_t sequence = 0;  // PutLogEvents calls so far: the upload sequence token
};

// An event as stored; `id` orders events of equal timestamp by arrival.
struct LogEvent {
  std::int64_t id = 0;
  std::int64_t stream_id = 0;
  std::int64_t timestamp = 0;
  std::int64_t ingestion_ms = 0;
  std::string message;
};

// A position between events in (timestamp, id) order.
struct EventKey {
  std::int64_t timestamp = 0;
  std::int64_t id = 0;
  bool operator==(const EventKey&) const = default;
};

inline constexpr std::int64_t kDayMs = 24 * 60 * 60 * 1000;

}  // namespace preflight::logs
