#include "emulator/service/input.h"
#include "emulator/storage/database.h"
#include "services/dynamodb/item_writer.h"
#include "services/dynamodb/model/errors.h"
#include "services/dynamodb/operations.h"

namespace preflight::dynamodb {
namespace {

constexpr std::size_t kMaxTags = 50;

// Tag operations name tables by ARN, which must be in the caller's account and region.
TablePtr table_by_arn(Backend& backend, const RequestContext& ctx, const Json& input) {
  const auto arn = core::input::string(input, "ResourceArn");
  if (!arn) {
    throw errors::validation(
        "1 validation error detected: Value null at 'resourceArn' failed to "
        "satisfy constraint: Member must not be null");
  }
  if (!arn->starts_with("arn:aws:dynamodb:")) {
    throw errors::validation("Invalid TableArn: Invalid ResourceArn provided as input " + *arn);
  }
  const auto name = table_name_of(*arn);
  auto table = backend.find_table(ctx, name);
  if (!table || *arn != table->arn) {
    throw errors::resource_not_found("Requested resource not found: ResourcArn: " + *arn +
                                     " not found");
  }
  return table;
}

// Rewrites every item so its TTL expiry column follows the (new) TTL attribute.
void reindex_expiry(Backend& backend, const TableDef& table) {
  std::vector<std::pair<StoredKey, Json>> rows;
  backend.store().scan_items(table.id, {}, [&](const StoredRow& row) {
    rows.emplace_back(StoredKey{std::string(row.pk), std::string(row.sk)}, Json::parse(row.item));
    return true;
  });
  for (const auto& [key, item] : rows) {
    write_item(backend, table, key, item, item);
  }
}

}  // namespace

Result describe_time_to_live(Backend& backend, RequestContext& ctx, const Json& input) {
  const auto table = backend.table(ctx, core::input::string(input, "TableName").value_or(""));
  Json description{{"TimeToLiveStatus", table->ttl_attribute.empty() ? "DISABLED" : "ENABLED"}};
  if (!table->ttl_attribute.empty()) {
    description["AttributeName"] = table->ttl_attribute;
  }
  co_return Json{{"TimeToLiveDescription", std::move(description)}};
}

Result update_time_to_live(Backend& backend, RequestContext& ctx, const Json& input) {
  const auto name = core::input::string(input, "TableName").value_or("");
  const auto table = backend.table(ctx, name);
  const auto* spec = core::input::object(input, "TimeToLiveSpecification");
  if (spec == nullptr || !spec->contains("Enabled") || !spec->contains("AttributeName")) {
    throw errors::validation(
        "1 validation error detected: Value null at "
        "'timeToLiveSpecification' failed to satisfy constraint: Member "
        "must not be null");
  }
  const bool enable = spec->at("Enabled").get<bool>();
  const auto attribute = spec->at("AttributeName").get<std::string>();
  if (enable == !table->ttl_attribute.empty()) {
    throw errors::validation(enable ? "TimeToLive is already enabled"
                                    : "TimeToLive is already disabled");
  }
  Json description = table->description;
  if (enable) {
    description["_TtlAttribute"] = attribute;
  } else {
    description.erase("_TtlAttribute");
  }
  core::Transaction tx(backend.store().db());
  backend.store().update_description(table->id, description);
  backend.forget(ctx, table_name_of(name));
  reindex_expiry(backend, *backend.table(ctx, name));
  tx.commit();
  co_return Json{{"TimeToLiveSpecification", {{"Enabled", enable}, {"AttributeName", attribute}}}};
}

Result tag_resource(Backend& backend, RequestContext& ctx, const Json& input) {
  const auto table = table_by_arn(backend, ctx, input);
  const auto* tags = core::input::array(input, "Tags");
  if (tags == nullptr) {
    throw errors::validation(
        "1 validation error detected: Value null at 'tags' failed to "
        "satisfy constraint: Member must not be null");
  }
  if (backend.store().tags(table->id).size() + tags->size() > kMaxTags) {
    throw errors::limit_exceeded("The number of tags exceeds the limit of 50 for the resource");
  }
  core::Transaction tx(backend.store().db());
  for (const auto& tag : *tags) {
    backend.store().tag(table->id, tag.at("Key").get<std::string>(),
                        tag.at("Value").get<std::string>());
  }
  tx.commit();
  co_return Json::object();
}

Result untag_resource(Backend& backend, RequestContext& ctx, const Json& input) {
  const auto table = table_by_arn(backend, ctx, input);
  const auto* keys = core::input::array(input, "TagKeys");
  if (keys == nullptr) {
    throw errors::validation(
        "1 validation error detected: Value null at 'tagKeys' failed to "
        "satisfy constraint: Member must not be null");
  }
  core::Transaction tx(backend.store().db());
  for (const auto& key : *keys) {
    backend.store().untag(table->id, key.get<std::string>());
  }
  tx.commit();
  co_return Json::object();
}

Result list_tags_of_resource(Backend& backend, RequestContext& ctx, const Json& input) {
  const auto table = table_by_arn(backend, ctx, input);
  co_return Json{{"Tags", backend.store().tags(table->id)}};
}

}  // namespace preflight::dynamodb
