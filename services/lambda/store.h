#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/common/json.h"
#include "emulator/storage/database.h"

namespace preflight::lambda {

// A function as stored: $LATEST's configuration in AWS's FunctionConfiguration shape, and what
// belongs to the function as a whole. Published versions and aliases are rows of their own.
struct Function {
  std::string account_id;
  std::string region;
  std::string name;
  Json latest;                 // FunctionConfiguration of $LATEST
  Json tags = Json::object();  // key -> value
  Json policy;                 // the resource policy document, or null
  std::optional<std::int64_t> reserved_concurrency;
  std::int64_t next_version = 1;
  Json invoke_configs = Json::object();  // qualifier -> FunctionEventInvokeConfig
};

// An event source mapping: AWS's EventSourceMappingConfiguration plus the poller's position.
struct Mapping {
  std::string uuid;
  std::string account_id;
  std::string region;
  Json config;
  Json position;  // the stream poller's checkpoint per shard; null for queues
};

// An asynchronous invocation waiting for its (next) attempt.
struct AsyncEvent {
  std::int64_t id = 0;
  std::string account_id;
  std::string region;
  std::string function_arn;  // qualified as invoked
  std::string payload;
  std::string request_id;
  std::int64_t attempts = 0;
  std::int64_t next_attempt_ms = 0;
  std::int64_t created_ms = 0;
};

// All Lambda SQL. Rows are keyed by (account, region, function name); code zips by CodeSha256.
class Store {
 public:
  explicit Store(core::Database& db);
  core::Database& db() { return db_; }

  std::optional<Function> function(std::string_view account, std::string_view region,
                                   std::string_view name);
  void insert_function(const Function& f);
  void update_function(const Function& f);
  void delete_function(std::string_view account, std::string_view region, std::string_view name);
  // Names after `after`, in order, at most limit.
  std::vector<Function> list_functions(std::string_view account, std::string_view region,
                                       std::string_view after, int limit);

  std::optional<Json> version(std::string_view account, std::string_view region,
                              std::string_view name, std::int64_t version);
  std::vector<Json> versions(std::string_view account, std::string_view region,
                             std::string_view name);
  void insert_version(std::string_view account, std::string_view region, std::string_view name,
                      std::int64_t version, const Json& config);
  void update_version(std::string_view account, std::string_view region, std::string_view name,
                      std::int64_t version, const Json& config);
  bool delete_version(std::string_view account, std::string_view region, std::string_view name,
                      std::int64_t version);

  std::optional<Json> alias(std::string_view account, std::string_view region,
                            std::string_view function, std::string_view name);
  std::vector<Json> aliases(std::string_view account, std::string_view region,
                            std::string_view function);
  void put_alias(std::string_view account, std::string_view region, std::string_view function,
                 std::string_view name, const Json& config);
  bool delete_alias(std::string_view account, std::string_view region, std::string_view function,
                    std::string_view name);

  // Code zips, shared by every version whose CodeSha256 they have.
  void put_code(std::string_view sha, std::string_view zip);
  std::optional<std::string> code(std::string_view sha);
  // Deletes zips no function or version refers to any more.
  void delete_unused_code();

  std::optional<Mapping> mapping(std::string_view uuid);
  std::vector<Mapping> mappings();  // every account and region: the pollers to run
  void put_mapping(const Mapping& m);
  void delete_mapping(std::string_view uuid);

  std::int64_t insert_async(const AsyncEvent& e);
  void update_async(const AsyncEvent& e);
  void delete_async(std::int64_t id);
  std::vector<AsyncEvent> async_events();

 private:
  core::Database& db_;
};

}  // namespace preflight::lambda
