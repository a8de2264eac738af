#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "emulator/common/json.h"
#include "services/dynamodb/backend.h"
#include "services/dynamodb/expression/expression.h"

namespace preflight::dynamodb {

inline constexpr std::size_t kPageBytes = 1024 * 1024;

// A sort-key condition of a Query, as a half-open range of encoded sort keys.
struct SortRange {
  std::string lower;                 // inclusive
  std::optional<std::string> upper;  // exclusive
};

// Encodes the condition's operands (key_codec.h) and turns it into a byte range.
SortRange sort_range(const expr::SortKeyCondition& condition);

// What Query and Scan ask of the engine.
struct ReadPlan {
  const TableDef* table = nullptr;
  const IndexDef* index = nullptr;                // null: the table itself
  std::optional<std::int64_t> limit;              // items evaluated (before the filter)
  std::function<Json(Json item)> fetch;           // LSI reads of unprojected attributes
  std::function<bool(const Json& item)> filter;   // empty: keep everything
  std::function<Json(const Json& item)> project;  // empty: the item as stored
  bool count_only = false;                        // Select COUNT
  std::optional<Json> exclusive_start_key;
  // Query only:
  std::optional<Json> partition_value;
  SortRange sort;
  bool forward = true;
  // Scan only:
  int segment = 0;
  int total_segments = 1;
};

struct ReadResult {
  Json items = Json::array();
  std::int64_t count = 0;
  std::int64_t scanned = 0;
  Json last_evaluated_key;  // null when the read reached the end
  std::size_t bytes = 0;    // of items evaluated, for capacity
};

// Walks rows in key order: counts evaluated items, stops at Limit or 1 MB, filters, projects,
// and reports where to continue. O(log n + items evaluated).
ReadResult run_query(Backend& backend, const ReadPlan& plan);
ReadResult run_scan(Backend& backend, const ReadPlan& plan);

// The key attributes LastEvaluatedKey / ExclusiveStartKey carry for a table or index.
std::vector<std::string> paging_key_attributes(const TableDef& table, const IndexDef* index);

}  // namespace preflight::dynamodb
