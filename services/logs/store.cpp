#include "services/logs/store.h"

#include "emulator/protocol/json_body.h"

namespace preflight::logs {
namespace {

const std::vector<std::string> kSchema = {
    "CREATE TABLE logs_groups ("
    "  id INTEGER PRIMARY KEY, account_id TEXT NOT NULL, region TEXT NOT NULL,"
    "  name TEXT NOT NULL, created_ms INTEGER NOT NULL, retention_days INTEGER,"
    "  kms_key_id TEXT NOT NULL, tags TEXT NOT NULL, stored_bytes INTEGER NOT NULL DEFAULT 0,"
    "  UNIQUE (account_id, region, name))",
    "CREATE TABLE logs_streams ("
    "  id INTEGER PRIMARY KEY, group_id INTEGER NOT NULL, name TEXT NOT NULL,"
    "  created_ms INTEGER NOT NULL, first_event_ms INTEGER, last_event_ms INTEGER,"
    "  last_ingestion_ms INTEGER, stored_bytes INTEGER NOT NULL DEFAULT 0,"
    "  sequence INTEGER NOT NULL DEFAULT 0, UNIQUE (group_id, name))",
    "CREATE TABLE logs_events ("
    "  id INTEGER PRIMARY KEY, group_id INTEGER NOT NULL, stream_id INTEGER NOT NULL,"
    "  timestamp INTEGER NOT NULL, ingestion_ms INTEGER NOT NULL, message TEXT NOT NULL)",
    // GetLogEvents pages through one stream, FilterLogEvents through a whole group, both in
    // (timestamp, id) order from a position: an index seek and then the page.
    "CREATE INDEX logs_events_stream ON logs_events (stream_id, timestamp, id)",
    "CREATE INDEX logs_events_group ON logs_events (group_id, timestamp, id)",
};

constexpr const char* kGroupColumns =
    "SELECT id, account_id, region, name, created_ms, retention_days, kms_key_id, tags, "
    "stored_bytes FROM logs_groups ";
constexpr const char* kStreamColumns =
    "SELECT id, group_id, name, created_ms, first_event_ms, last_event_ms, last_ingestion_ms, "
    "stored_bytes, sequence FROM logs_streams ";

std::optional<std::int64_t> optional_int(const core::Query& q, int column) {
  if (q.is_null(column)) {
    return std::nullopt;
  }
  return q.int64(column);
}

LogGroup read_group(const core::Query& q) {
  LogGroup g;
  g.id = q.int64(0);
  g.account_id = q.str(1);
  g.region = q.str(2);
  g.name = q.str(3);
  g.created_ms = q.int64(4);
  g.retention_days = optional_int(q, 5);
  g.kms_key_id = q.str(6);
  g.tags = Json::parse(q.text(7)).get<std::map<std::string, std::string>>();
  g.stored_bytes = q.int64(8);
  return g;
}

LogStream read_stream(const core::Query& q) {
  return LogStream{q.int64(0),         q.int64(1),         q.str(2),
                   q.int64(3),         optional_int(q, 4), optional_int(q, 5),
                   optional_int(q, 6), q.int64(7),         q.int64(8)};
}

// Streams without events sort as if their last event were at time 0, as on AWS.
const char* stream_page_sql(StreamOrder order) {
  switch (order) {
    case StreamOrder::NameAscending:
      return "WHERE group_id = ?1 AND substr(name, 1, length(?2)) = ?2 AND name > ?4 "
             "ORDER BY name LIMIT ?5";
    case StreamOrder::NameDescending:
      return "WHERE group_id = ?1 AND substr(name, 1, length(?2)) = ?2 AND name < ?4 "
             "ORDER BY name DESC LIMIT ?5";
    case StreamOrder::LastEventAscending:
      return "WHERE group_id = ?1 AND substr(name, 1, length(?2)) = ?2 AND "
             "(coalesce(last_event_ms, 0), name) > (?3, ?4) "
             "ORDER BY coalesce(last_event_ms, 0), name LIMIT ?5";
    case StreamOrder::LastEventDescending:
      return "WHERE group_id = ?1 AND substr(name, 1, length(?2)) = ?2 AND "
             "(coalesce(last_event_ms, 0), name) < (?3, ?4) "
             "ORDER BY coalesce(last_event_ms, 0) DESC, name DESC LIMIT ?5";
  }
  return "";
}

}  // namespace

std::string LogGroup::arn() const {
  return "arn:aws:logs:" + region + ":" + account_id + ":log-group:" + name;
}

std::optional<std::int64_t> LogGroup::retention_cutoff_ms(std::int64_t now_ms) const {
  if (!retention_days) {
    return std::nullopt;
  }
  return now_ms - *retention_days * kDayMs;
}

Store::Store(core::Database& db) : db_(db) {
  db_.migrate("logs", kSchema);
}

// ---- groups ----

std::optional<LogGroup> Store::find_group(std::string_view account, std::string_view region,
                                          std::string_view name) {
  auto q =
      db_.query(std::string(kGroupColumns) + "WHERE account_id = ? AND region = ? AND name = ?");
  q.bind_all(account, region, name);
  if (!q.step()) {
    return std::nullopt;
  }
  return read_group(q);
}

std::int64_t Store::insert_group(const LogGroup& g) {
  auto q = db_.query(
      "INSERT INTO logs_groups (account_id, region, name, created_ms, retention_days, "
      "kms_key_id, tags) VALUES (?, ?, ?, ?, ?, ?, ?)");
  q.bind_all(g.account_id, g.region, g.name, g.created_ms);
  if (g.retention_days) {
    q.bind(5, *g.retention_days);
  } else {
    q.bind_null(5);
  }
  q.bind(6, g.kms_key_id).bind(7, core::dump_json(Json(g.tags)));
  q.exec();
  return db_.last_insert_rowid();
}

std::vector<LogGroup> Store::list_groups(std::string_view account, std::string_view region,
                                         std::string_view prefix, std::string_view pattern,
                                         std::string_view after, int limit) {
  auto q = db_.query(std::string(kGroupColumns) +
                     "WHERE account_id = ?1 AND region = ?2 AND name > ?3 AND "
                     "substr(name, 1, length(?4)) = ?4 AND instr(lower(name), lower(?5)) > 0 "
                     "ORDER BY name LIMIT ?6");
  q.bind_all(account, region, after, prefix, pattern, limit);
  std::vector<LogGroup> groups;
  while (q.step()) {
    groups.push_back(read_group(q));
  }
  return groups;
}

void Store::delete_group(std::int64_t id) {
  core::Transaction tx(db_);
  for (const char* sql :
       {"DELETE FROM logs_events WHERE group_id = ?", "DELETE FROM logs_streams WHERE group_id = ?",
        "DELETE FROM logs_groups WHERE id = ?"}) {
    db_.query(sql).bind(1, id).exec();
  }
  tx.commit();
}

void Store::set_retention(std::int64_t id, std::optional<std::int64_t> days) {
  auto q = db_.query("UPDATE logs_groups SET retention_days = ? WHERE id = ?");
  if (days) {
    q.bind(1, *days);
  } else {
    q.bind_null(1);
  }
  q.bind(2, id).exec();
}

void Store::set_tags(const LogGroup& group) {
  db_.query("UPDATE logs_groups SET tags = ? WHERE id = ?")
      .bind_all(core::dump_json(Json(group.tags)), group.id)
      .exec();
}

// ---- streams ----

std::optional<LogStream> Store::find_stream(std::int64_t group_id, std::string_view name) {
  auto q = db_.query(std::string(kStreamColumns) + "WHERE group_id = ? AND name = ?");
  q.bind_all(group_id, name);
  if (!q.step()) {
    return std::nullopt;
  }
  return read_stream(q);
}

std::int64_t Store::insert_stream(const LogStream& s) {
  db_.query("INSERT INTO logs_streams (group_id, name, created_ms) VALUES (?, ?, ?)")
      .bind_all(s.group_id, s.name, s.created_ms)
      .exec();
  return db_.last_insert_rowid();
}

std::vector<LogStream> Store::list_streams(std::int64_t group_id, StreamOrder order,
                                           std::string_view prefix, std::int64_t after_time,
                                           std::string_view after_name, int limit) {
  auto q = db_.query(std::string(kStreamColumns) + stream_page_sql(order));
  q.bind_all(group_id, prefix, after_time, after_name, limit);
  std::vector<LogStream> streams;
  while (q.step()) {
    streams.push_back(read_stream(q));
  }
  return streams;
}

void Store::delete_stream(std::int64_t id) {
  core::Transaction tx(db_);
  std::int64_t group_id = 0;
  std::int64_t bytes = 0;
  {
    auto q = db_.query("SELECT group_id, stored_bytes FROM logs_streams WHERE id = ?");
    q.bind(1, id);
    if (q.step()) {
      group_id = q.int64(0);
      bytes = q.int64(1);
    }
  }
  db_.query("UPDATE logs_groups SET stored_bytes = max(stored_bytes - ?, 0) WHERE id = ?")
      .bind_all(bytes, group_id)
      .exec();
  db_.query("DELETE FROM logs_events WHERE stream_id = ?").bind(1, id).exec();
  db_.query("DELETE FROM logs_streams WHERE id = ?").bind(1, id).exec();
  tx.commit();
}

}  // namespace preflight::logs
