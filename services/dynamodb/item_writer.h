#pragma once

#include "emulator/common/json.h"
#include "services/dynamodb/backend.h"

namespace preflight::dynamodb {

enum class WriteCause { Client, TimeToLive };

// Write units an index spent on one item write (a key change costs a delete and a put).
struct IndexWrite {
  std::string index;
  bool global = true;
  double units = 0;
};

// The one place an item changes: its row, its index rows (sparse, projected), the table's
// counters, its TTL expiry and, when something really changed, its stream record. old_item /
// new_item are null for an insert / a delete. Callers run it inside a Transaction.
std::vector<IndexWrite> write_item(Backend& backend, const TableDef& table, const StoredKey& key,
                                   const Json& old_item, const Json& new_item,
                                   WriteCause cause = WriteCause::Client);

// Reads the current item (null when absent).
Json read_item(Backend& backend, const TableDef& table, const StoredKey& key);

// Adds an index's rows for every existing item (UpdateTable creating a GSI).
void backfill_index(Backend& backend, const TableDef& table, const IndexDef& index);

}  // namespace preflight::dynamodb
