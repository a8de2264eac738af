#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "emulator/service/environment.h"
#include "emulator/service/request_context.h"
#include "services/dynamodb/store.h"
#include "services/dynamodb/table.h"

namespace preflight::dynamodb {

using TablePtr = std::shared_ptr<const TableDef>;

// The DynamoDB service's state: its store and a cache of parsed table definitions (reads and
// writes look their table up on every request; parsing the description each time would cost
// more than the SQL).
class Backend {
 public:
  explicit Backend(core::Environment& env) : env_(env), store_(env.db) {}

  Store& store() { return store_; }
  core::Environment& env() { return env_; }

  // The table a request names (a name or a table ARN); throws ResourceNotFoundException.
  TablePtr table(const core::RequestContext& ctx, std::string_view name_or_arn);
  TablePtr find_table(const core::RequestContext& ctx, std::string_view name_or_arn);
  // Drops the cached definition after a change (UpdateTable, DeleteTable, reset).
  void forget(const core::RequestContext& ctx, std::string_view name);
  void forget_all() { cache_.clear(); }

  std::string table_arn(const core::RequestContext& ctx, std::string_view name) const;

 private:
  static std::string cache_key(const core::RequestContext& ctx, std::string_view name);

  core::Environment& env_;
  Store store_;
  std::unordered_map<std::string, TablePtr> cache_;
};

// "arn:aws:dynamodb:REGION:ACCOUNT:table/NAME[/...]" or a bare name -> NAME.
std::string_view table_name_of(std::string_view name_or_arn);
// Checks TableName / IndexName syntax: 3-255 characters of [a-zA-Z0-9_.-].
void check_table_name(std::string_view name, std::string_view member = "tableName");

}  // namespace preflight::dynamodb
