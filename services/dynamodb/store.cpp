#include "services/dynamodb/store.h"

#include "emulator/protocol/json_body.h"

namespace preflight::dynamodb {
namespace {

const std::vector<std::string> kSchema = {
    "CREATE TABLE ddb_tables ("
    "  id INTEGER PRIMARY KEY,"
    "  account_id TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,"
    "  description TEXT NOT NULL,"
    "  item_count INTEGER NOT NULL DEFAULT 0, size_bytes INTEGER NOT NULL DEFAULT 0,"
    "  UNIQUE (account_id, region, name))",
    "CREATE TABLE ddb_items ("
    "  table_id INTEGER NOT NULL, pk BLOB NOT NULL, sk BLOB NOT NULL,"
    "  item TEXT NOT NULL, size INTEGER NOT NULL, expires INTEGER,"
    "  PRIMARY KEY (table_id, pk, sk)) WITHOUT ROWID",
    "CREATE INDEX ddb_items_expires ON ddb_items (table_id, expires) WHERE expires IS NOT NULL",
    "CREATE TABLE ddb_index_items ("
    "  table_id INTEGER NOT NULL, index_name TEXT NOT NULL, pk BLOB NOT NULL, sk BLOB NOT NULL,"
    "  table_pk BLOB NOT NULL, table_sk BLOB NOT NULL, item TEXT NOT NULL,"
    "  PRIMARY KEY (table_id, index_name, pk, sk, table_pk, table_sk)) WITHOUT ROWID",
    "CREATE TABLE ddb_tags ("
    "  table_id INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,"
    "  PRIMARY KEY (table_id, key))",
    "CREATE TABLE ddb_stream_records ("
    "  seq INTEGER PRIMARY KEY AUTOINCREMENT, stream_arn TEXT NOT NULL, record TEXT NOT NULL,"
    "  created INTEGER NOT NULL)",
    "CREATE INDEX ddb_stream_records_arn ON ddb_stream_records (stream_arn, seq)",
    "CREATE TABLE ddb_transaction_tokens ("
    "  account_id TEXT NOT NULL, region TEXT NOT NULL, token TEXT NOT NULL,"
    "  request_hash TEXT NOT NULL, response TEXT NOT NULL, created INTEGER NOT NULL,"
    "  PRIMARY KEY (account_id, region, token))",
};

std::string partition_sql(bool index, bool upper, bool forward) {
  const std::string order = forward ? "" : " DESC";
  if (!index) {
    return std::string(
               "SELECT pk, sk, item FROM ddb_items WHERE table_id = ?1 AND pk = ?2 AND "
               "sk >= ?3") +
           (upper ? " AND sk < ?4" : "") + " ORDER BY sk" + order;
  }
  return std::string(
             "SELECT pk, sk, table_pk, table_sk, item FROM ddb_index_items WHERE table_id = ?1 "
             "AND index_name = ?2 AND pk = ?3 AND (sk, table_pk, table_sk) >= (?4, ?5, ?6)") +
         (upper ? " AND (sk, table_pk, table_sk) < (?7, ?8, ?9)" : "") + " ORDER BY sk" + order +
         ", table_pk" + order + ", table_sk" + order;
}

}  // namespace

Store::Store(core::Database& db) : db_(db) {
  db_.migrate("dynamodb", kSchema);
}

// ---- tables ----

std::optional<TableRow> Store::find_table(std::string_view account, std::string_view region,
                                          std::string_view name) {
  auto q = db_.query(
      "SELECT id, description, item_count, size_bytes FROM ddb_tables WHERE account_id = ? AND "
      "region = ? AND name = ?");
  q.bind_all(account, region, name);
  if (!q.step()) {
    return std::nullopt;
  }
  return TableRow{q.int64(0), Json::parse(q.text(1)), q.int64(2), q.int64(3)};
}

std::int64_t Store::insert_table(std::string_view account, std::string_view region,
                                 std::string_view name, const Json& description) {
  db_.query("INSERT INTO ddb_tables (account_id, region, name, description) VALUES (?, ?, ?, ?)")
      .bind_all(account, region, name, core::dump_json(description))
      .exec();
  return db_.last_insert_rowid();
}

void Store::update_description(std::int64_t table_id, const Json& description) {
  db_.query("UPDATE ddb_tables SET description = ? WHERE id = ?")
      .bind_all(core::dump_json(description), table_id)
      .exec();
}

void Store::delete_table(std::int64_t table_id) {
  core::Transaction tx(db_);
  for (const char* sql :
       {"DELETE FROM ddb_items WHERE table_id = ?",
        "DELETE FROM ddb_index_items WHERE table_id = ?", "DELETE FROM ddb_tags WHERE table_id = ?",
        "DELETE FROM ddb_tables WHERE id = ?"}) {
    db_.query(sql).bind(1, table_id).exec();
  }
  tx.commit();
}

std::vector<std::string> Store::list_tables(std::string_view account, std::string_view region,
                                            std::string_view after, int limit) {
  auto q = db_.query(
      "SELECT name FROM ddb_tables WHERE account_id = ? AND region = ? AND name > ? ORDER BY "
      "name LIMIT ?");
  q.bind_all(account, region, after, limit);
  std::vector<std::string> names;
  while (q.step()) {
    names.push_back(q.str(0));
  }
  return names;
}

void Store::add_counts(std::int64_t table_id, std::int64_t items, std::int64_t bytes) {
  db_.query(
         "UPDATE ddb_tables SET item_count = item_count + ?, size_bytes = size_bytes + ? "
         "WHERE id = ?")
      .bind_all(items, bytes, table_id)
      .exec();
}

std::vector<TableRow> Store::all_tables(std::string_view account, std::string_view region) {
  auto q = db_.query(
      "SELECT id, description, item_count, size_bytes FROM ddb_tables WHERE account_id = ? AND "
      "region = ? ORDER BY name");
  q.bind_all(account, region);
  std::vector<TableRow> rows;
  while (q.step()) {
    rows.push_back({q.int64(0), Json::parse(q.text(1)), q.int64(2), q.int64(3)});
  }
  return rows;
}

std::optional<TableRow> Store::table_by_id(std::int64_t table_id) {
  auto q = db_.query("SELECT id, description, item_count, size_bytes FROM ddb_tables WHERE id = ?");
  q.bind(1, table_id);
  if (!q.step()) {
    return std::nullopt;
  }
  return TableRow{q.int64(0), Json::parse(q.text(1)), q.int64(2), q.int64(3)};
}

std::vector<std::int64_t> Store::tables_with_ttl() {
  std::vector<std::int64_t> ids;
  auto q = db_.query("SELECT DISTINCT table_id FROM ddb_items WHERE expires IS NOT NULL");
  while (q.step()) {
    ids.push_back(q.int64(0));
  }
  return ids;
}

// ---- items ----

std::optional<std::string> Store::get_item(std::int64_t table_id, const StoredKey& key) {
  auto q = db_.query("SELECT item FROM ddb_items WHERE table_id = ? AND pk = ? AND sk = ?");
  q.bind(1, table_id).bind_blob(2, key.pk).bind_blob(3, key.sk);
  if (!q.step()) {
    return std::nullopt;
  }
  return q.str(0);
}

void Store::put_item(std::int64_t table_id, const StoredKey& key, std::string_view item,
                     std::int64_t size, std::optional<std::int64_t> expires) {
  auto q = db_.query(
      "INSERT OR REPLACE INTO ddb_items (table_id, pk, sk, item, size, expires) VALUES "
      "(?, ?, ?, ?, ?, ?)");
  q.bind(1, table_id).bind_blob(2, key.pk).bind_blob(3, key.sk).bind(4, item).bind(5, size);
  if (expires) {
    q.bind(6, *expires);
  } else {
    q.bind_null(6);
  }
  q.exec();
}

void Store::delete_item(std::int64_t table_id, const StoredKey& key) {
  db_.query("DELETE FROM ddb_items WHERE table_id = ? AND pk = ? AND sk = ?")
      .bind(1, table_id)
      .bind_blob(2, key.pk)
      .bind_blob(3, key.sk)
      .exec();
}

void Store::read_partition(std::int64_t table_id, const PartitionRange& range,
                           const RowVisitor& visit) {
  auto q = db_.query(partition_sql(false, range.upper.has_value(), range.forward));
  q.bind(1, table_id).bind_blob(2, range.pk).bind_blob(3, range.lower.sk);
  if (range.upper) {
    q.bind_blob(4, range.upper->sk);
  }
  while (q.step()) {
    if (!visit({q.blob(0), q.blob(1), {}, {}, q.text(2)})) {
      return;
    }
  }
}

void Store::scan_items(std::int64_t table_id, const StoredKey& start, const RowVisitor& visit) {
  auto q = db_.query(
      "SELECT pk, sk, item FROM ddb_items WHERE table_id = ? AND (pk, sk) >= (?, ?) ORDER BY "
      "pk, sk");
  q.bind(1, table_id).bind_blob(2, start.pk).bind_blob(3, start.sk);
  while (q.step()) {
    if (!visit({q.blob(0), q.blob(1), {}, {}, q.text(2)})) {
      return;
    }
  }
}

std::vector<StoredKey> Store::expired_items(std::int64_t table_id, std::int64_t now, int limit) {
  auto q = db_.query(
      "SELECT pk, sk FROM ddb_items WHERE table_id = ? AND expires IS NOT NULL AND expires <= ? "
      "LIMIT ?");
  q.bind_all(table_id, now, limit);
  std::vector<StoredKey> keys;
  while (q.step()) {
    keys.push_back({std::string(q.blob(0)), std::string(q.blob(1))});
  }
  return keys;
}

// ---- index rows ----

void Store::put_index_row(std::int64_t table_id, std::string_view index, const StoredKey& key,
                          const StoredKey& table_key, std::string_view item) {
  db_.query(
         "INSERT OR REPLACE INTO ddb_index_items (table_id, index_name, pk, sk, table_pk, "
         "table_sk, item) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind(1, table_id)
      .bind(2, index)
      .bind_blob(3, key.pk)
      .bind_blob(4, key.sk)
      .bind_blob(5, table_key.pk)
      .bind_blob(6, table_key.sk)
      .bind(7, item)
      .exec();
}

void Store::delete_index_row(std::int64_t table_id, std::string_view index, const StoredKey& key,
                             const StoredKey& table_key) {
  db_.query(
         "DELETE FROM ddb_index_items WHERE table_id = ? AND index_name = ? AND pk = ? AND sk = ? "
         "AND table_pk = ? AND table_sk = ?")
      .bind(1, table_id)
      .bind(2, index)
      .bind_blob(3, key.pk)
      .bind_blob(4, key.sk)
      .bind_blob(5, table_key.pk)
      .bind_blob(6, table_key.sk)
      .exec();
}

void Store::delete_index(std::int64_t table_id, std::string_view index) {
  db_.query("DELETE FROM ddb_index_items WHERE table_id = ? AND index_name = ?")
      .bind_all(table_id, index)
      .exec();
}

void Store::read_index_partition(std::int64_t table_id, std::string_view index,
                                 const PartitionRange& range, const RowVisitor& visit) {
  auto q = db_.query(partition_sql(true, range.upper.has_value(), range.forward));
  q.bind(1, table_id).bind(2, index).bind_blob(3, range.pk);
  q.bind_blob(4, range.lower.sk)
      .bind_blob(5, range.lower.table_pk)
      .bind_blob(6, range.lower.table_sk);
  if (range.upper) {
    q.bind_blob(7, range.upper->sk).bind_blob(8, range.upper->table_pk);
    q.bind_blob(9, range.upper->table_sk);
  }
  while (q.step()) {
    if (!visit({q.blob(0), q.blob(1), q.blob(2), q.blob(3), q.text(4)})) {
      return;
    }
  }
}

void Store::scan_index(std::int64_t table_id, std::string_view index, const StoredKey& start,
                       const KeyBound& start_table_key, const RowVisitor& visit) {
  auto q = db_.query(
      "SELECT pk, sk, table_pk, table_sk, item FROM ddb_index_items WHERE table_id = ? AND "
      "index_name = ? AND (pk, sk, table_pk, table_sk) >= (?, ?, ?, ?) ORDER BY pk, sk, "
      "table_pk, table_sk");
  q.bind(1, table_id).bind(2, index).bind_blob(3, start.pk).bind_blob(4, start.sk);
  q.bind_blob(5, start_table_key.table_pk).bind_blob(6, start_table_key.table_sk);
  while (q.step()) {
    if (!visit({q.blob(0), q.blob(1), q.blob(2), q.blob(3), q.text(4)})) {
      return;
    }
  }
}

// ---- tags ----

Json Store::tags(std::int64_t table_id) {
  auto q = db_.query("SELECT key, value FROM ddb_tags WHERE table_id = ? ORDER BY key");
  q.bind(1, table_id);
  Json tags = Json::array();
  while (q.step()) {
    tags.push_back({{"Key", q.str(0)}, {"Value", q.str(1)}});
  }
  return tags;
}

void Store::tag(std::int64_t table_id, const std::string& key, const std::string& value) {
  db_.query("INSERT OR REPLACE INTO ddb_tags (table_id, key, value) VALUES (?, ?, ?)")
      .bind_all(table_id, key, value)
      .exec();
}

void Store::untag(std::int64_t table_id, const std::string& key) {
  db_.query("DELETE FROM ddb_tags WHERE table_id = ? AND key = ?").bind_all(table_id, key).exec();
}

// ---- stream records ----

std::int64_t Store::append_stream_record(std::string_view stream_arn, const Json& record,
                                         std::int64_t created) {
  db_.query("INSERT INTO ddb_stream_records (stream_arn, record, created) VALUES (?, ?, ?)")
      .bind_all(stream_arn, core::dump_json(record), created)
      .exec();
  return db_.last_insert_rowid();
}

std::vector<std::pair<std::int64_t, std::string>> Store::stream_records(std::string_view stream_arn,
                                                                        std::int64_t after,
                                                                        int limit) {
  auto q = db_.query(
      "SELECT seq, record FROM ddb_stream_records WHERE stream_arn = ? AND seq > ? ORDER BY seq "
      "LIMIT ?");
  q.bind_all(stream_arn, after, limit);
  std::vector<std::pair<std::int64_t, std::string>> records;
  while (q.step()) {
    records.emplace_back(q.int64(0), q.str(1));
  }
  return records;
}

std::int64_t Store::last_sequence(std::string_view stream_arn) {
  auto q = db_.query("SELECT max(seq) FROM ddb_stream_records WHERE stream_arn = ?");
  q.bind(1, stream_arn);
  return q.step() && !q.is_null(0) ? q.int64(0) : 0;
}

void Store::trim_stream_records(std::int64_t before) {
  db_.query("DELETE FROM ddb_stream_records WHERE created < ?").bind(1, before).exec();
}

// ---- TransactWriteItems idempotency ----

std::optional<std::pair<std::string, std::string>> Store::transaction_token(
    std::string_view account, std::string_view region, std::string_view token,
    std::int64_t not_before) {
  auto q = db_.query(
      "SELECT request_hash, response FROM ddb_transaction_tokens WHERE account_id = ? AND "
      "region = ? AND token = ? AND created >= ?");
  q.bind_all(account, region, token, not_before);
  if (!q.step()) {
    return std::nullopt;
  }
  return std::pair{q.str(0), q.str(1)};
}

void Store::save_transaction_token(std::string_view account, std::string_view region,
                                   std::string_view token, std::string_view request_hash,
                                   std::string_view response, std::int64_t created) {
  db_.query(
         "INSERT OR REPLACE INTO ddb_transaction_tokens (account_id, region, token, "
         "request_hash, response, created) VALUES (?, ?, ?, ?, ?, ?)")
      .bind_all(account, region, token, request_hash, response, created)
      .exec();
}

}  // namespace preflight::dynamodb
