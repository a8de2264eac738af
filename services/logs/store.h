#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/storage/database.h"
#include "services/logs/model.h"

// All CloudWatch Logs SQL: groups and streams here (store.cpp), events in store_events.cpp.
// Groups are keyed by (account, region, name), streams by (group, name); events are read through
// (stream, timestamp, id) and (group, timestamp, id) indexes, so a page costs O(log n + page).
namespace preflight::logs {

enum class StreamOrder { NameAscending, NameDescending, LastEventAscending, LastEventDescending };

// An event as PutLogEvents accepted it.
struct NewEvent {
  std::int64_t timestamp = 0;
  std::string_view message;
};

class Store {
 public:
  explicit Store(core::Database& db);
  core::Database& db() { return db_; }

  // ---- groups ----
  std::optional<LogGroup> find_group(std::string_view account, std::string_view region,
                                     std::string_view name);
  std::int64_t insert_group(const LogGroup& group);
  // Names starting with prefix and containing `pattern` (case-insensitive; empty: any), after
  // `after`, in name order, at most limit.
  std::vector<LogGroup> list_groups(std::string_view account, std::string_view region,
                                    std::string_view prefix, std::string_view pattern,
                                    std::string_view after, int limit);
  void delete_group(std::int64_t id);  // with its streams and events
  void set_retention(std::int64_t id, std::optional<std::int64_t> days);
  void set_tags(const LogGroup& group);

  // ---- streams ----
  std::optional<LogStream> find_stream(std::int64_t group_id, std::string_view name);
  std::int64_t insert_stream(const LogStream& stream);
  // A page of streams after the position (last event time, name) in the given order.
  std::vector<LogStream> list_streams(std::int64_t group_id, StreamOrder order,
                                      std::string_view prefix, std::int64_t after_time,
                                      std::string_view after_name, int limit);
  void delete_stream(std::int64_t id);  // with its events

  // ---- events (store_events.cpp) ----
  // Stores a batch in one transaction: the events, the stream's times, bytes and sequence, the
  // group's bytes. Returns the stream's new sequence.
  std::int64_t append_events(const LogStream& stream, std::span<const NewEvent> events,
                             std::int64_t ingestion_ms);
  // Events of a stream in [start, end) strictly after `after`, ascending, at most limit.
  std::vector<LogEvent> events_after(std::int64_t stream_id, EventKey after, std::int64_t start,
                                     std::int64_t end, int limit);
  // Events of a stream in [start, end) strictly before `before`, nearest first, at most limit.
  std::vector<LogEvent> events_before(std::int64_t stream_id, EventKey before, std::int64_t start,
                                      std::int64_t end, int limit);
  // Events of every stream of a group, interleaved by (timestamp, id), after `after`.
  std::vector<LogEvent> group_events_after(std::int64_t group_id, EventKey after,
                                           std::int64_t start, std::int64_t end, int limit);

 private:
  // Events of a stream or group (owner, ?1) from a position (key, ?2 ?3) in [start, end)
  // (?4 ?5), at most limit (?6).
  std::vector<LogEvent> page(std::string_view where, std::int64_t owner, EventKey key,
                             std::int64_t start, std::int64_t end, int limit);

  core::Database& db_;
};

}  // namespace preflight::logs
