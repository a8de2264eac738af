#pragma once

#include <optional>
#include <string>
#include <vector>

#include "emulator/common/json.h"
#include "services/dynamodb/partiql/ast.h"

// Turns a parsed statement into the DynamoDB request that performs it, in that request's own
// shape (the members PutItem, UpdateItem, DeleteItem, GetItem, Query, Scan and a
// TransactWriteItems ConditionCheck take), with WHERE and SET written as expressions over
// generated #n / :v placeholders. Knows key schemas, nothing else of a table.
namespace preflight::dynamodb::partiql {

struct KeyAttribute {
  std::string name;
  std::string type;  // S, N or B
};

struct KeySchema {
  KeyAttribute partition;
  std::optional<KeyAttribute> sort;
};

// Where the statement runs: ExecuteStatement, BatchExecuteStatement or ExecuteTransaction.
enum class Context { Single, Batch, Transaction };

struct Translation {
  enum class Action { Query, Scan, GetItem, PutItem, UpdateItem, DeleteItem, ConditionCheck };
  Action action = Action::Scan;
  Json request = Json::object();
  // Query / Scan: ORDER BY, applied to each page (a Query on the sort key already walks in order).
  std::vector<OrderKey> order_by;
  // PutItem: a failed condition means the key exists (DuplicateItemException).
  bool insert = false;
};

// `table_keys` is the table's key schema; `index_keys` the index's when the statement reads
// "table"."index". Throws ValidationException with DynamoDB's messages: "Where clause does not
// contain a mandatory equality on all key attributes", "Key attribute's data type should match
// its data type in table's schema: Key pk", "Only single item select is supported", ...
Translation translate(const Statement& statement, const KeySchema& table_keys,
                      const KeySchema* index_keys, Context context);

// The name a SELECT returns a projected path under: its last map key followed by the list
// indexes after it (a.b[1] -> "b[1]", a[2] -> "a[2]").
std::string output_name(const Path& path);
// A SELECT's item: each projected path's value under its output name (absent paths left out).
Json select_output(const Json& item, const std::vector<Path>& paths);

}  // namespace preflight::dynamodb::partiql
