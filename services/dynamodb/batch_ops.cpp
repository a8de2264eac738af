#include <set>

#include "emulator/service/input.h"
#include "emulator/storage/database.h"
#include "services/dynamodb/capacity.h"
#include "services/dynamodb/item_request.h"
#include "services/dynamodb/item_writer.h"
#include "services/dynamodb/model/attribute_value.h"
#include "services/dynamodb/model/errors.h"
#include "services/dynamodb/operations.h"
#include "services/dynamodb/write_plan.h"

namespace preflight::dynamodb {
namespace {

constexpr std::size_t kMaxBatchGet = 100;
constexpr std::size_t kMaxBatchWrite = 25;
constexpr std::size_t kMaxBatchGetBytes = 16 * 1024 * 1024;

const Json& request_items(const Json& input) {
  const Json* items = core::input::object(input, "RequestItems");
  if (items == nullptr || items->empty()) {
    throw errors::validation(
        "1 validation error detected: Value '{}' at 'requestItems' failed to "
        "satisfy constraint: Member must have length greater than or equal "
        "to 1");
  }
  return *items;
}

[[noreturn]] void duplicates() {
  throw errors::validation("Provided list of item keys contains duplicates");
}

// One table's part of a BatchGetItem, validated up front.
struct GetGroup {
  std::string name;
  TablePtr table;
  const Json* request = nullptr;
  std::vector<Json> keys;
  std::optional<expr::Projection> projection;
  bool consistent = false;
};

}  // namespace

Result batch_get_item(Backend& backend, RequestContext& ctx, const Json& input) {
  const Json& items = request_items(input);
  std::vector<GetGroup> groups;
  std::size_t total = 0;
  for (const auto& [name, request] : items.items()) {
    GetGroup group{name, nullptr, &request};
    auto placeholders =
        request_placeholders(request, {"AttributesToGet"}, {"ProjectionExpression"});
    group.projection = read_projection(request, placeholders);
    placeholders.check_all_used();
    group.consistent = request.value("ConsistentRead", false);
    const Json* keys = core::input::array(request, "Keys");
    if (keys == nullptr || keys->empty()) {
      throw errors::validation(
          "1 validation error detected: Value null at "
          "'requestItems." +
          name +
          ".member.keys' failed to satisfy "
          "constraint: Member must not be null");
    }
    total += keys->size();
    if (total > kMaxBatchGet) {
      throw errors::validation("Too many items requested for the BatchGetItem call");
    }
    group.table = backend.table(ctx, name);
    std::set<std::string> seen;
    for (const auto& key : *keys) {
      Json normalised = request_key(Json{{"Key", key}}, *group.table);
      const auto stored = group.table->stored_key(normalised);
      if (!seen.insert(stored.pk + '\0' + stored.sk).second) {
        duplicates();
      }
      group.keys.push_back(std::move(normalised));
    }
    groups.push_back(std::move(group));
  }

  Json responses = Json::object();
  Json unprocessed = Json::object();
  Consumed consumed;
  std::size_t bytes = 0;
  for (const auto& group : groups) {
    auto& found = responses[group.name] = Json::array();
    for (const auto& key : group.keys) {
      if (bytes > kMaxBatchGetBytes) {  // over the 16 MB response limit: the caller retries
        if (!unprocessed.contains(group.name)) {
          unprocessed[group.name] = *group.request;
          unprocessed[group.name]["Keys"] = Json::array();
        }
        unprocessed[group.name]["Keys"].push_back(key);
        continue;
      }
      const Json item = read_item(backend, *group.table, group.table->stored_key(key));
      const auto size = item.is_null() ? 0 : item_size(item);
      consumed.add_table(group.name, read_units(size, group.consistent));
      if (!item.is_null()) {
        bytes += size;
        found.push_back(group.projection ? expr::project(item, *group.projection) : item);
      }
    }
  }
  Json out{{"Responses", std::move(responses)}, {"UnprocessedKeys", std::move(unprocessed)}};
  if (Json report = consumed.report_all(input, true); !report.is_null()) {
    out["ConsumedCapacity"] = std::move(report);
  }
  co_return out;
}

Result batch_write_item(Backend& backend, RequestContext& ctx, const Json& input) {
  const Json& items = request_items(input);
  std::vector<WritePlan> plans;
  std::set<std::string> seen;
  for (const auto& [name, requests] : items.items()) {
    if (!requests.is_array() || requests.empty()) {
      throw errors::validation(
          "1 validation error detected: Value at 'requestItems' failed to "
          "satisfy constraint: Map value must satisfy constraint: [Member "
          "must have length greater than or equal to 1]");
    }
    for (const auto& request : requests) {
      if (plans.size() == kMaxBatchWrite) {
        throw errors::validation("Too many items requested for the BatchWriteItem call");
      }
      const bool put = request.contains("PutRequest");
      const bool del = request.contains("DeleteRequest");
      if (put == del) {
        throw errors::validation(
            "One or more parameter values were invalid: A WriteRequest must "
            "contain exactly one of PutRequest or DeleteRequest");
      }
      Json single = put ? request["PutRequest"] : request["DeleteRequest"];
      single["TableName"] = name;
      plans.push_back(put ? plan_put(backend, ctx, single) : plan_delete(backend, ctx, single));
      const auto& key = plans.back().stored_key;
      if (!seen.insert(name + '\0' + key.pk + '\0' + key.sk).second) {
        duplicates();
      }
    }
  }
  Consumed consumed;
  core::Transaction tx(backend.store().db());
  for (const auto& plan : plans) {
    const auto outcome = execute(backend, plan, Json::object());
    const auto old_size = outcome.old_item.is_null() ? 0 : item_size(outcome.old_item);
    const auto new_size = outcome.new_item.is_null() ? 0 : item_size(outcome.new_item);
    consumed.add_table(plan.table->name, write_units(std::max(old_size, new_size)));
  }
  tx.commit();
  Json out{{"UnprocessedItems", Json::object()}};
  if (Json report = consumed.report_all(input, false); !report.is_null()) {
    out["ConsumedCapacity"] = std::move(report);
  }
  co_return out;
}

}  // namespace preflight::dynamodb
