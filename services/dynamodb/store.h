#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/common/json.h"
#include "emulator/storage/database.h"
#include "services/dynamodb/table.h"

namespace preflight::dynamodb {

// A position in key order: sort key, then (for index rows) the table's key, which breaks ties.
struct KeyBound {
  std::string sk;
  std::string table_pk;
  std::string table_sk;
};

// A half-open range of one partition, [lower, upper), read forwards or backwards.
struct PartitionRange {
  std::string pk;
  KeyBound lower;                 // inclusive
  std::optional<KeyBound> upper;  // exclusive; none = to the end of the partition
  bool forward = true;
};

// One row read back: its keys and its stored item JSON (valid during the callback only).
struct StoredRow {
  std::string_view pk;
  std::string_view sk;
  std::string_view table_pk;  // index rows only
  std::string_view table_sk;
  std::string_view item;
};
using RowVisitor = std::function<bool(const StoredRow&)>;  // return false to stop

struct TableRow {
  std::int64_t id = 0;
  Json description;
  std::int64_t item_count = 0;
  std::int64_t size_bytes = 0;
};

// All DynamoDB SQL. Keys are order-preserving BLOBs (key_codec.h), so SQLite's memcmp order is
// DynamoDB's order and every read is an index range scan.
class Store {
 public:
  explicit Store(core::Database& db);
  core::Database& db() { return db_; }

  // ---- tables ----
  std::optional<TableRow> find_table(std::string_view account, std::string_view region,
                                     std::string_view name);
  std::int64_t insert_table(std::string_view account, std::string_view region,
                            std::string_view name, const Json& description);
  void update_description(std::int64_t table_id, const Json& description);
  void delete_table(std::int64_t table_id);
  // Names after `after` (exclusive), in order, at most `limit`.
  std::vector<std::string> list_tables(std::string_view account, std::string_view region,
                                       std::string_view after, int limit);
  void add_counts(std::int64_t table_id, std::int64_t items, std::int64_t bytes);
  std::vector<TableRow> all_tables(std::string_view account, std::string_view region);
  std::optional<TableRow> table_by_id(std::int64_t table_id);
  std::vector<std::int64_t> tables_with_ttl();

  // ---- items ----
  std::optional<std::string> get_item(std::int64_t table_id, const StoredKey& key);
  void put_item(std::int64_t table_id, const StoredKey& key, std::string_view item,
                std::int64_t size, std::optional<std::int64_t> expires);
  void delete_item(std::int64_t table_id, const StoredKey& key);
  void read_partition(std::int64_t table_id, const PartitionRange& range, const RowVisitor& visit);
  // Every item in (pk, sk) order from `start` (inclusive).
  void scan_items(std::int64_t table_id, const StoredKey& start, const RowVisitor& visit);
  // Items whose TTL attribute is at or before `now`.
  std::vector<StoredKey> expired_items(std::int64_t table_id, std::int64_t now, int limit);

  // ---- index rows ----
  void put_index_row(std::int64_t table_id, std::string_view index, const StoredKey& key,
                     const StoredKey& table_key, std::string_view item);
  void delete_index_row(std::int64_t table_id, std::string_view index, const StoredKey& key,
                        const StoredKey& table_key);
  void delete_index(std::int64_t table_id, std::string_view index);
  void read_index_partition(std::int64_t table_id, std::string_view index,
                            const PartitionRange& range, const RowVisitor& visit);
  void scan_index(std::int64_t table_id, std::string_view index, const StoredKey& start,
                  const KeyBound& start_table_key, const RowVisitor& visit);

  // ---- tags ----
  Json tags(std::int64_t table_id);
  void tag(std::int64_t table_id, const std::string& key, const std::string& value);
  void untag(std::int64_t table_id, const std::string& key);

  // ---- stream records ----
  std::int64_t append_stream_record(std::string_view stream_arn, const Json& record,
                                    std::int64_t created);
  // Records with sequence number > after, oldest first.
  std::vector<std::pair<std::int64_t, std::string>> stream_records(std::string_view stream_arn,
                                                                   std::int64_t after, int limit);
  std::int64_t last_sequence(std::string_view stream_arn);
  void trim_stream_records(std::int64_t before);  // retention (24 hours)

  // ---- TransactWriteItems idempotency ----
  std::optional<std::pair<std::string, std::string>> transaction_token(std::string_view account,
                                                                       std::string_view region,
                                                                       std::string_view token,
                                                                       std::int64_t not_before);
  void save_transaction_token(std::string_view account, std::string_view region,
                              std::string_view token, std::string_view request_hash,
                              std::string_view response, std::int64_t created);

 private:
  core::Database& db_;
};

}  // namespace preflight::dynamodb
