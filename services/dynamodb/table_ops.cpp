#include <algorithm>

#include "emulator/common/time_format.h"
#include "emulator/service/input.h"
#include "emulator/storage/database.h"
#include "services/dynamodb/item_writer.h"
#include "services/dynamodb/model/errors.h"
#include "services/dynamodb/operations.h"
#include "services/dynamodb/table_schema.h"

namespace preflight::dynamodb {
namespace {

std::string required_table_name(const Json& input) {
  auto name = core::input::string(input, "TableName");
  if (!name) {
    throw errors::validation(
        "1 validation error detected: Value null at 'tableName' failed to "
        "satisfy constraint: Member must not be null");
  }
  return std::string(table_name_of(*name));
}

TableRow existing_table(Backend& backend, const RequestContext& ctx, const std::string& name) {
  auto row = backend.store().find_table(ctx.account_id, ctx.region, name);
  if (!row) {
    throw errors::table_not_found(name);
  }
  return std::move(*row);
}

void store_tags(Backend& backend, std::int64_t table_id, const Json* tags) {
  if (tags == nullptr) {
    return;
  }
  for (const auto& tag : *tags) {
    backend.store().tag(table_id, tag.at("Key").get<std::string>(),
                        tag.at("Value").get<std::string>());
  }
}

// UpdateTable's GlobalSecondaryIndexUpdates: at most one Create or Delete per call.
void apply_index_updates(Json& description, const Json& updates, const Json& input,
                         std::vector<std::string>& created) {
  const bool provisioned = !description.contains("BillingModeSummary");
  for (const auto& update : updates) {
    if (const auto it = update.find("Create"); it != update.end()) {
      if (description.contains("AttributeDefinitions") && input.contains("AttributeDefinitions")) {
        for (const auto& def : input["AttributeDefinitions"]) {
          bool known = false;
          for (const auto& mine : description["AttributeDefinitions"]) {
            known = known || mine["AttributeName"] == def["AttributeName"];
          }
          if (!known) {
            description["AttributeDefinitions"].push_back(def);
          }
        }
      }
      Json index = new_index_description(*it, true, description["KeySchema"],
                                         description["AttributeDefinitions"], provisioned,
                                         description["TableArn"].get<std::string>());
      for (const auto* member : {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"}) {
        for (const auto& existing : description.value(member, Json::array())) {
          if (existing["IndexName"] == index["IndexName"]) {
            throw errors::validation(
                "One or more parameter values were invalid: Duplicate index "
                "name: " +
                index["IndexName"].get<std::string>());
          }
        }
      }
      created.push_back(index["IndexName"].get<std::string>());
      description["GlobalSecondaryIndexes"].push_back(std::move(index));
    } else if (const auto del = update.find("Delete"); del != update.end()) {
      auto& indexes = description["GlobalSecondaryIndexes"];
      const auto name = del->at("IndexName");
      const auto before = indexes.size();
      indexes.erase(std::remove_if(indexes.begin(), indexes.end(),
                                   [&](const Json& i) { return i["IndexName"] == name; }),
                    indexes.end());
      if (indexes.size() == before) {
        throw errors::resource_not_found(
            "Requested resource not found: Index: " + name.get<std::string>() + " not found");
      }
      if (indexes.empty()) {
        description.erase("GlobalSecondaryIndexes");
      }
    } else if (const auto upd = update.find("Update"); upd != update.end()) {
      bool found = false;
      for (auto& index : description["GlobalSecondaryIndexes"]) {
        if (index["IndexName"] == upd->at("IndexName")) {
          found = true;
          if (upd->contains("ProvisionedThroughput")) {
            index["ProvisionedThroughput"]["ReadCapacityUnits"] =
                (*upd)["ProvisionedThroughput"]["ReadCapacityUnits"];
            index["ProvisionedThroughput"]["WriteCapacityUnits"] =
                (*upd)["ProvisionedThroughput"]["WriteCapacityUnits"];
          }
        }
      }
      if (!found) {
        throw errors::resource_not_found("Requested resource not found: Index: " +
                                         upd->at("IndexName").get<std::string>() + " not found");
      }
    }
  }
}

void apply_stream_update(Json& description, const Json& spec) {
  const bool enable = spec.value("StreamEnabled", false);
  const bool enabled = description.contains("StreamSpecification") &&
                       description["StreamSpecification"].value("StreamEnabled", false);
  if (enable && enabled) {
    throw errors::validation("Table already has an enabled stream: " +
                             description.value("LatestStreamArn", std::string()));
  }
  if (!enable && !enabled) {
    throw errors::validation("Table does not have an enabled stream to disable");
  }
  if (!enable) {
    description["StreamSpecification"] = {{"StreamEnabled", false}};
    return;
  }
  const auto view = spec.value("StreamViewType", std::string());
  if (view != "KEYS_ONLY" && view != "NEW_IMAGE" && view != "OLD_IMAGE" &&
      view != "NEW_AND_OLD_IMAGES") {
    throw errors::validation(
        "One or more parameter values were invalid: Stream view type is "
        "required when streams are enabled");
  }
  const auto label = stream_label(unix_now_ms());
  description["StreamSpecification"] = {{"StreamEnabled", true}, {"StreamViewType", view}};
  description["LatestStreamLabel"] = label;
  description["LatestStreamArn"] = description["TableArn"].get<std::string>() + "/stream/" + label;
}

}  // namespace

Result create_table(Backend& backend, RequestContext& ctx, const Json& input) {
  const auto name = required_table_name(input);
  check_table_name(name);
  if (backend.store().find_table(ctx.account_id, ctx.region, name)) {
    throw errors::resource_in_use("Table already exists: " + name);
  }
  Json request = input;
  request["TableName"] = name;
  const Json description =
      new_table_description(request, backend.table_arn(ctx, name), unix_now_ms());
  core::Transaction tx(backend.store().db());
  const auto id = backend.store().insert_table(ctx.account_id, ctx.region, name, description);
  store_tags(backend, id, core::input::array(input, "Tags"));
  tx.commit();
  backend.forget(ctx, name);
  co_return Json{{"TableDescription", public_description(description, 0, 0)}};
}

Result describe_table(Backend& backend, RequestContext& ctx, const Json& input) {
  const auto row = existing_table(backend, ctx, required_table_name(input));
  co_return Json{{"Table", public_description(row.description, row.item_count, row.size_bytes)}};
}

Result list_tables(Backend& backend, RequestContext& ctx, const Json& input) {
  const auto limit = core::input::integer(input, "Limit").value_or(100);
  if (limit < 1 || limit > 100) {
    throw errors::validation(
        "1 validation error detected: Value '" + std::to_string(limit) +
        "' at 'limit' failed to satisfy constraint: Member must have value " +
        (limit < 1 ? "greater than or equal to 1" : "less than or equal to 100"));
  }
  const auto after = core::input::string(input, "ExclusiveStartTableName").value_or("");
  auto names =
      backend.store().list_tables(ctx.account_id, ctx.region, after, static_cast<int>(limit) + 1);
  Json out = Json::object();
  if (names.size() > static_cast<std::size_t>(limit)) {
    names.pop_back();
    out["LastEvaluatedTableName"] = names.back();
  }
  out["TableNames"] = names;
  co_return out;
}

Result update_table(Backend& backend, RequestContext& ctx, const Json& input) {
  const auto name = required_table_name(input);
  auto row = existing_table(backend, ctx, name);
  Json description = row.description;
  bool changed = false;
  std::vector<std::string> created;

  if (const auto billing = core::input::string(input, "BillingMode")) {
    changed = true;
    if (*billing == "PAY_PER_REQUEST") {
      description["BillingModeSummary"] = {
          {"BillingMode", "PAY_PER_REQUEST"},
          {"LastUpdateToPayPerRequestDateTime", static_cast<double>(unix_now_ms()) / 1000.0}};
      description["ProvisionedThroughput"]["ReadCapacityUnits"] = 0;
      description["ProvisionedThroughput"]["WriteCapacityUnits"] = 0;
    } else {
      description.erase("BillingModeSummary");
      if (!input.contains("ProvisionedThroughput")) {
        throw errors::validation(
            "One or more parameter values were invalid: ReadCapacityUnits "
            "and WriteCapacityUnits must both be specified when BillingMode "
            "is PROVISIONED");
      }
    }
  }
  if (const auto* throughput = core::input::object(input, "ProvisionedThroughput")) {
    changed = true;
    if (description.contains("BillingModeSummary")) {
      throw errors::validation(
          "One or more parameter values were invalid: Neither "
          "ReadCapacityUnits nor WriteCapacityUnits can be specified when "
          "BillingMode is PAY_PER_REQUEST");
    }
    description["ProvisionedThroughput"]["ReadCapacityUnits"] = throughput->at("ReadCapacityUnits");
    description["ProvisionedThroughput"]["WriteCapacityUnits"] =
        throughput->at("WriteCapacityUnits");
  }
  if (const auto* updates = core::input::array(input, "GlobalSecondaryIndexUpdates")) {
    changed = true;
    apply_index_updates(description, *updates, input, created);
  }
  if (const auto* spec = core::input::object(input, "StreamSpecification")) {
    changed = true;
    apply_stream_update(description, *spec);
  }
  if (const auto protection = core::input::boolean(input, "DeletionProtectionEnabled")) {
    changed = true;
    description["DeletionProtectionEnabled"] = *protection;
  }
  if (input.contains("TableClass")) {
    changed = true;
    description["TableClassSummary"] = {{"TableClass", input["TableClass"]}};
  }
  if (!changed) {
    throw errors::validation(
        "At least one of ProvisionedThroughput, BillingMode, "
        "UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification "
        "or ReplicaUpdates is required");
  }
  core::Transaction tx(backend.store().db());
  backend.store().update_description(row.id, description);
  backend.forget(ctx, name);
  const auto table = backend.table(ctx, name);
  for (const auto& index_name : created) {
    backfill_index(backend, *table, *table->find_index(index_name));
  }
  for (const auto& old_index : TableDef::from_description(row.id, row.description).indexes) {
    if (table->find_index(old_index.name) == nullptr) {
      backend.store().delete_index(row.id, old_index.name);
    }
  }
  tx.commit();
  Json out = public_description(description, row.item_count, row.size_bytes);
  out["TableStatus"] = "UPDATING";
  co_return Json{{"TableDescription", std::move(out)}};
}

Result delete_table(Backend& backend, RequestContext& ctx, const Json& input) {
  const auto name = required_table_name(input);
  const auto row = existing_table(backend, ctx, name);
  if (row.description.value("DeletionProtectionEnabled", false)) {
    throw errors::validation(
        "Resource cannot be deleted as it is currently protected against "
        "deletion. Disable deletion protection first.");
  }
  backend.store().delete_table(row.id);
  backend.forget(ctx, name);
  Json out = public_description(row.description, row.item_count, row.size_bytes);
  out["TableStatus"] = "DELETING";
  co_return Json{{"TableDescription", std::move(out)}};
}

}  // namespace preflight::dynamodb
