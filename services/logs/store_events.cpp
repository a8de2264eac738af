#include <algorithm>

#include "services/logs/store.h"

namespace preflight::logs {
namespace {

constexpr const char* kEventColumns =
    "SELECT id, stream_id, timestamp, ingestion_ms, message FROM logs_events ";

}  // namespace

std::int64_t Store::append_events(const LogStream& stream, std::span<const NewEvent> events,
                                  std::int64_t ingestion_ms) {
  core::Transaction tx(db_);
  std::int64_t bytes = 0;
  std::int64_t first = stream.first_event_ms.value_or(INT64_MAX);
  std::int64_t last = stream.last_event_ms.value_or(INT64_MIN);
  for (const auto& e : events) {
    db_.query(
           "INSERT INTO logs_events (group_id, stream_id, timestamp, ingestion_ms, message) "
           "VALUES (?, ?, ?, ?, ?)")
        .bind_all(stream.group_id, stream.id, e.timestamp, ingestion_ms, e.message)
        .exec();
    bytes += static_cast<std::int64_t>(e.message.size());
    first = std::min(first, e.timestamp);
    last = std::max(last, e.timestamp);
  }
  const std::int64_t sequence = stream.sequence + 1;
  if (events.empty()) {  // every event was rejected: only the sequence moves
    db_.query("UPDATE logs_streams SET sequence = ? WHERE id = ?")
        .bind_all(sequence, stream.id)
        .exec();
  } else {
    db_.query(
           "UPDATE logs_streams SET stored_bytes = stored_bytes + ?, sequence = ?, "
           "first_event_ms = ?, last_event_ms = ?, last_ingestion_ms = ? WHERE id = ?")
        .bind_all(bytes, sequence, first, last, ingestion_ms, stream.id)
        .exec();
    db_.query("UPDATE logs_groups SET stored_bytes = stored_bytes + ? WHERE id = ?")
        .bind_all(bytes, stream.group_id)
        .exec();
  }
  tx.commit();
  return sequence;
}

std::vector<LogEvent> Store::events_after(std::int64_t stream_id, EventKey after,
                                          std::int64_t start, std::int64_t end, int limit) {
  return page(
      "WHERE stream_id = ?1 AND (timestamp, id) > (?2, ?3) AND timestamp >= ?4 "
      "AND timestamp < ?5 ORDER BY timestamp, id LIMIT ?6",
      stream_id, after, start, end, limit);
}

std::vector<LogEvent> Store::events_before(std::int64_t stream_id, EventKey before,
                                           std::int64_t start, std::int64_t end, int limit) {
  return page(
      "WHERE stream_id = ?1 AND (timestamp, id) < (?2, ?3) AND timestamp >= ?4 "
      "AND timestamp < ?5 ORDER BY timestamp DESC, id DESC LIMIT ?6",
      stream_id, before, start, end, limit);
}

std::vector<LogEvent> Store::group_events_after(std::int64_t group_id, EventKey after,
                                                std::int64_t start, std::int64_t end, int limit) {
  return page(
      "WHERE group_id = ?1 AND (timestamp, id) > (?2, ?3) AND timestamp >= ?4 "
      "AND timestamp < ?5 ORDER BY timestamp, id LIMIT ?6",
      group_id, after, start, end, limit);
}

std::vector<LogEvent> Store::page(std::string_view where, std::int64_t owner, EventKey key,
                                  std::int64_t start, std::int64_t end, int limit) {
  auto q = db_.query(std::string(kEventColumns) + std::string(where));
  q.bind_all(owner, key.timestamp, key.id, start, end, limit);
  std::vector<LogEvent> events;
  while (q.step()) {
    events.push_back({q.int64(0), q.int64(1), q.int64(2), q.int64(3), q.str(4)});
  }
  return events;
}

}  // namespace preflight::logs
