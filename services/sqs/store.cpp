#include "services/sqs/store.h"

#include <cstdio>

#include "emulator/protocol/json_body.h"

namespace preflight::sqs {
namespace {

const std::vector<std::string> kSchema = {
    "CREATE TABLE sqs_queues ("
    "  id INTEGER PRIMARY KEY, account_id TEXT NOT NULL, region TEXT NOT NULL,"
    "  name TEXT NOT NULL, attributes TEXT NOT NULL, tags TEXT NOT NULL,"
    "  created INTEGER NOT NULL, last_modified INTEGER NOT NULL,"
    "  UNIQUE (account_id, region, name))",
    "CREATE TABLE sqs_messages ("
    "  seq INTEGER PRIMARY KEY AUTOINCREMENT, queue_id INTEGER NOT NULL,"
    "  message_id TEXT NOT NULL, body TEXT NOT NULL, attributes TEXT, system_attributes TEXT,"
    "  sent_ms INTEGER NOT NULL, visible_at_ms INTEGER NOT NULL,"
    "  receive_count INTEGER NOT NULL DEFAULT 0, first_receive_ms INTEGER NOT NULL DEFAULT 0,"
    "  receipt TEXT NOT NULL DEFAULT '', group_id TEXT NOT NULL DEFAULT '',"
    "  dedup_id TEXT NOT NULL DEFAULT '', sender_id TEXT NOT NULL,"
    "  dead_letter_source_arn TEXT NOT NULL DEFAULT '')",
    "CREATE INDEX sqs_messages_visible ON sqs_messages (queue_id, visible_at_ms, seq)",
    "CREATE TABLE sqs_dedup ("
    "  queue_id INTEGER NOT NULL, key TEXT NOT NULL, message_id TEXT NOT NULL,"
    "  seq INTEGER NOT NULL, expires_ms INTEGER NOT NULL, PRIMARY KEY (queue_id, key))",
    "CREATE TABLE sqs_move_tasks ("
    "  handle TEXT PRIMARY KEY, account_id TEXT NOT NULL, region TEXT NOT NULL,"
    "  source_arn TEXT NOT NULL, destination_arn TEXT NOT NULL, max_per_second INTEGER NOT NULL,"
    "  status TEXT NOT NULL, moved INTEGER NOT NULL, to_move INTEGER NOT NULL,"
    "  started_ms INTEGER NOT NULL, failure_reason TEXT NOT NULL)",
    // Receives walk a queue in send order and skip what is in flight, stopping after a page;
    // with visible_at_ms in the index the skipping never touches the table.
    "CREATE INDEX sqs_messages_order ON sqs_messages (queue_id, seq, visible_at_ms)",
};

constexpr const char* kQueueColumns =
    "id, account_id, region, name, attributes, tags, created, last_modified";
constexpr const char* kMessageColumns =
    "seq, queue_id, message_id, body, attributes, system_attributes, sent_ms, visible_at_ms, "
    "receive_count, first_receive_ms, receipt, group_id, dedup_id, sender_id, "
    "dead_letter_source_arn";

Queue read_queue(const core::Query& q) {
  Queue queue;
  queue.id = q.int64(0);
  queue.account_id = q.str(1);
  queue.region = q.str(2);
  queue.name = q.str(3);
  queue.attributes = Json::parse(q.text(4)).get<std::map<std::string, std::string>>();
  queue.tags = Json::parse(q.text(5)).get<std::map<std::string, std::string>>();
  queue.created = q.int64(6);
  queue.last_modified = q.int64(7);
  return queue;
}

Json optional_json(const core::Query& q, int column) {
  return q.is_null(column) ? Json() : Json::parse(q.text(column));
}

Message read_message(const core::Query& q) {
  return Message{q.int64(0),          q.int64(1), q.str(2),   q.str(3),   optional_json(q, 4),
                 optional_json(q, 5), q.int64(6), q.int64(7), q.int64(8), q.int64(9),
                 q.str(10),           q.str(11),  q.str(12),  q.str(13),  q.str(14)};
}

void bind_optional_json(core::Query& q, int index, const Json& value) {
  if (value.is_null()) {
    q.bind_null(index);
  } else {
    q.bind(index, core::dump_json(value));
  }
}

}  // namespace

std::string sequence_number(std::int64_t seq) {
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "%020lld", static_cast<long long>(seq));
  return buffer;
}

Store::Store(core::Database& db) : db_(db) {
  db_.migrate("sqs", kSchema);
}

// ---- queues ----

std::optional<Queue> Store::find_queue(std::string_view account, std::string_view region,
                                       std::string_view name) {
  auto q = db_.query(std::string("SELECT ") + kQueueColumns +
                     " FROM sqs_queues WHERE account_id = ? AND region = ? AND name = ?");
  q.bind_all(account, region, name);
  if (!q.step()) {
    return std::nullopt;
  }
  return read_queue(q);
}

std::optional<Queue> Store::queue_by_id(std::int64_t id) {
  auto q = db_.query(std::string("SELECT ") + kQueueColumns + " FROM sqs_queues WHERE id = ?");
  q.bind(1, id);
  if (!q.step()) {
    return std::nullopt;
  }
  return read_queue(q);
}

std::int64_t Store::insert_queue(const Queue& queue) {
  db_.query(
         "INSERT INTO sqs_queues (account_id, region, name, attributes, tags, created, "
         "last_modified) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind_all(queue.account_id, queue.region, queue.name, core::dump_json(Json(queue.attributes)),
                core::dump_json(Json(queue.tags)), queue.created, queue.last_modified)
      .exec();
  return db_.last_insert_rowid();
}

void Store::update_queue(const Queue& queue) {
  db_.query("UPDATE sqs_queues SET attributes = ?, tags = ?, last_modified = ? WHERE id = ?")
      .bind_all(core::dump_json(Json(queue.attributes)), core::dump_json(Json(queue.tags)),
                queue.last_modified, queue.id)
      .exec();
}

void Store::delete_queue(std::int64_t id) {
  core::Transaction tx(db_);
  for (const char* sql :
       {"DELETE FROM sqs_messages WHERE queue_id = ?", "DELETE FROM sqs_dedup WHERE queue_id = ?",
        "DELETE FROM sqs_queues WHERE id = ?"}) {
    db_.query(sql).bind(1, id).exec();
  }
  tx.commit();
}

std::vector<Queue> Store::list_queues(std::string_view account, std::string_view region,
                                      std::string_view prefix, std::string_view after, int limit) {
  auto q = db_.query(std::string("SELECT ") + kQueueColumns +
                     " FROM sqs_queues WHERE account_id = ? AND region = ? AND name > ? AND "
                     "substr(name, 1, length(?)) = ? ORDER BY name LIMIT ?");
  q.bind_all(account, region, after, prefix, prefix, limit);
  std::vector<Queue> queues;
  while (q.step()) {
    queues.push_back(read_queue(q));
  }
  return queues;
}

// ---- messages ----

std::int64_t Store::insert_message(const Message& m) {
  auto q = db_.query(
      "INSERT INTO sqs_messages (queue_id, message_id, body, attributes, system_attributes, "
      "sent_ms, visible_at_ms, group_id, dedup_id, sender_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
      "?, ?)");
  q.bind(1, m.queue_id).bind(2, m.message_id).bind(3, m.body);
  bind_optional_json(q, 4, m.attributes);
  bind_optional_json(q, 5, m.system_attributes);
  q.bind(6, m.sent_ms).bind(7, m.visible_at_ms).bind(8, m.group_id).bind(9, m.dedup_id);
  q.bind(10, m.sender_id);
  q.exec();
  return db_.last_insert_rowid();
}

std::optional<Message> Store::message(std::int64_t seq) {
  auto q = db_.query(std::string("SELECT ") + kMessageColumns + " FROM sqs_messages WHERE seq = ?");
  q.bind(1, seq);
  if (!q.step()) {
    return std::nullopt;
  }
  return read_message(q);
}

std::vector<Message> Store::visible_messages(std::int64_t queue_id, std::int64_t now_ms,
                                             std::int64_t after_seq, int limit) {
  auto q = db_.query(std::string("SELECT ") + kMessageColumns +
                     " FROM sqs_messages INDEXED BY sqs_messages_order"
                     " WHERE queue_id = ? AND visible_at_ms <= ? AND seq > ? ORDER BY seq LIMIT ?");
  q.bind_all(queue_id, now_ms, after_seq, limit);
  std::vector<Message> messages;
  while (q.step()) {
    messages.push_back(read_message(q));
  }
  return messages;
}

std::set<std::string> Store::in_flight_groups(std::int64_t queue_id, std::int64_t now_ms) {
  auto q = db_.query(
      "SELECT DISTINCT group_id FROM sqs_messages WHERE queue_id = ? AND visible_at_ms > ? AND "
      "receive_count > 0");
  q.bind_all(queue_id, now_ms);
  std::set<std::string> groups;
  while (q.step()) {
    groups.insert(q.str(0));
  }
  return groups;
}

std::optional<std::int64_t> Store::next_visible_ms(std::int64_t queue_id, std::int64_t now_ms) {
  auto q = db_.query(
      "SELECT min(visible_at_ms) FROM sqs_messages WHERE queue_id = ? AND visible_at_ms > ?");
  q.bind_all(queue_id, now_ms);
  if (!q.step() || q.is_null(0)) {
    return std::nullopt;
  }
  return q.int64(0);
}

MessageCounts Store::counts(std::int64_t queue_id, std::int64_t now_ms) {
  auto q = db_.query(
      "SELECT coalesce(sum(visible_at_ms <= ?1), 0),"
      " coalesce(sum(visible_at_ms > ?1 AND receive_count > 0), 0),"
      " coalesce(sum(visible_at_ms > ?1 AND receive_count = 0), 0)"
      " FROM sqs_messages WHERE queue_id = ?2");
  q.bind_all(now_ms, queue_id);
  q.step();
  return {q.int64(0), q.int64(1), q.int64(2)};
}

void Store::mark_received(std::int64_t seq, std::int64_t visible_at_ms, std::int64_t receive_count,
                          std::int64_t first_receive_ms, std::string_view receipt) {
  db_.query(
         "UPDATE sqs_messages SET visible_at_ms = ?, receive_count = ?, first_receive_ms = ?, "
         "receipt = ? WHERE seq = ?")
      .bind_all(visible_at_ms, receive_count, first_receive_ms, receipt, seq)
      .exec();
}

void Store::set_visible_at(std::int64_t seq, std::int64_t visible_at_ms) {
  db_.query("UPDATE sqs_messages SET visible_at_ms = ? WHERE seq = ?")
      .bind_all(visible_at_ms, seq)
      .exec();
}

void Store::delete_message(std::int64_t seq) {
  db_.query("DELETE FROM sqs_messages WHERE seq = ?").bind(1, seq).exec();
}

void Store::move_message(std::int64_t seq, std::int64_t to_queue, std::int64_t now_ms,
                         std::string_view dead_letter_source_arn) {
  db_.query(
         "UPDATE sqs_messages SET queue_id = ?, visible_at_ms = ?, receive_count = 0, "
         "first_receive_ms = 0, receipt = '', dead_letter_source_arn = ? WHERE seq = ?")
      .bind_all(to_queue, now_ms, dead_letter_source_arn, seq)
      .exec();
}

std::int64_t Store::purge(std::int64_t queue_id) {
  return db_.query("DELETE FROM sqs_messages WHERE queue_id = ?").bind(1, queue_id).exec();
}

std::int64_t Store::delete_sent_before(std::int64_t queue_id, std::int64_t sent_before_ms) {
  return db_.query("DELETE FROM sqs_messages WHERE queue_id = ? AND sent_ms < ?")
      .bind_all(queue_id, sent_before_ms)
      .exec();
}

std::int64_t Store::last_seq(std::int64_t queue_id) {
  auto q = db_.query("SELECT coalesce(max(seq), 0) FROM sqs_messages WHERE queue_id = ?");
  q.bind(1, queue_id);
  q.step();
  return q.int64(0);
}

// ---- FIFO deduplication ----

std::optional<std::pair<std::string, std::int64_t>> Store::duplicate(std::int64_t queue_id,
                                                                     std::string_view key,
                                                                     std::int64_t now_ms) {
  auto q = db_.query(
      "SELECT message_id, seq FROM sqs_dedup WHERE queue_id = ? AND key = ? AND expires_ms > ?");
  q.bind_all(queue_id, key, now_ms);
  if (!q.step()) {
    return std::nullopt;
  }
  return std::pair{q.str(0), q.int64(1)};
}

void Store::remember_dedup(std::int64_t queue_id, std::string_view key, std::string_view message_id,
                           std::int64_t seq, std::int64_t expires_ms) {
  db_.query(
         "INSERT OR REPLACE INTO sqs_dedup (queue_id, key, message_id, seq, expires_ms) VALUES "
         "(?, ?, ?, ?, ?)")
      .bind_all(queue_id, key, message_id, seq, expires_ms)
      .exec();
}

void Store::expire_dedup(std::int64_t now_ms) {
  db_.query("DELETE FROM sqs_dedup WHERE expires_ms <= ?").bind(1, now_ms).exec();
}

// ---- message move tasks ----

void Store::save_move_task(std::string_view account, std::string_view region, const MoveTask& t) {
  db_.query(
         "INSERT OR REPLACE INTO sqs_move_tasks (handle, account_id, region, source_arn, "
         "destination_arn, max_per_second, status, moved, to_move, started_ms, failure_reason) "
         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind_all(t.handle, account, region, t.source_arn, t.destination_arn, t.max_per_second,
                t.status, t.moved, t.to_move, t.started_ms, t.failure_reason)
      .exec();
}

std::vector<MoveTask> Store::move_tasks(std::string_view account, std::string_view region,
                                        std::string_view source_arn) {
  auto q = db_.query(
      "SELECT handle, source_arn, destination_arn, max_per_second, status, moved, to_move, "
      "started_ms, failure_reason FROM sqs_move_tasks WHERE account_id = ? AND region = ? AND "
      "source_arn = ? ORDER BY started_ms DESC");
  q.bind_all(account, region, source_arn);
  std::vector<MoveTask> tasks;
  while (q.step()) {
    tasks.push_back({q.str(0), q.str(1), q.str(2), q.int64(3), q.str(4), q.int64(5), q.int64(6),
                     q.int64(7), q.str(8)});
  }
  return tasks;
}

}  // namespace preflight::sqs
