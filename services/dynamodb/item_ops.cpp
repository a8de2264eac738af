#include <algorithm>

#include "emulator/service/input.h"
#include "emulator/storage/database.h"
#include "services/dynamodb/capacity.h"
#include "services/dynamodb/item_request.h"
#include "services/dynamodb/model/attribute_value.h"
#include "services/dynamodb/model/errors.h"
#include "services/dynamodb/operations.h"
#include "services/dynamodb/write_plan.h"

namespace preflight::dynamodb {
namespace {

std::size_t size_or_zero(const Json& item) {
  return item.is_null() ? 0 : item_size(item);
}

// Table and index write units of one write, as ConsumedCapacity reports them.
Consumed write_capacity(const TableDef& table, const WriteOutcome& outcome) {
  Consumed consumed;
  consumed.add_table(table.name, write_units(std::max(size_or_zero(outcome.old_item),
                                                      size_or_zero(outcome.new_item))));
  for (const auto& w : outcome.index_writes) {
    consumed.add_index(table.name, w.index, w.global, w.units);
  }
  return consumed;
}

void add_capacity(Json& out, const Json& input, const Consumed& consumed, bool read) {
  if (Json report = consumed.report(input, read); !report.is_null()) {
    out["ConsumedCapacity"] = std::move(report);
  }
}

// Runs one write in its own transaction and shapes the response.
Json write_response(Backend& backend, const WritePlan& plan, const Json& input,
                    const std::string& return_values) {
  core::Transaction tx(backend.store().db());
  const auto outcome = execute(backend, plan, input);
  tx.commit();
  Json out = Json::object();
  Json attributes;
  if (return_values == "ALL_OLD") {
    attributes = outcome.old_item;
  } else if (return_values == "ALL_NEW") {
    attributes = outcome.new_item;
  } else if (return_values == "UPDATED_OLD" && !outcome.old_item.is_null()) {
    attributes = expr::project(outcome.old_item,
                               plan.update ? plan.update->paths : std::vector<expr::Path>{});
  } else if (return_values == "UPDATED_NEW") {
    attributes = expr::project(outcome.new_item,
                               plan.update ? plan.update->paths : std::vector<expr::Path>{});
  }
  if (attributes.is_object() && !attributes.empty()) {
    out["Attributes"] = std::move(attributes);
  }
  add_capacity(out, input, write_capacity(*plan.table, outcome), false);
  return out;
}

}  // namespace

Result get_item(Backend& backend, RequestContext& ctx, const Json& input) {
  auto placeholders = request_placeholders(input, {"AttributesToGet"}, {"ProjectionExpression"});
  const auto projection = read_projection(input, placeholders);
  placeholders.check_all_used();
  const auto table = backend.table(ctx, core::input::string(input, "TableName").value_or(""));
  const auto key = request_key(input, *table);
  const bool consistent = core::input::boolean(input, "ConsistentRead").value_or(false);

  const Json item = read_item(backend, *table, table->stored_key(key));
  Json out = Json::object();
  if (!item.is_null()) {
    out["Item"] = projection ? expr::project(item, *projection) : item;
  }
  Consumed consumed;
  consumed.add_table(table->name, read_units(size_or_zero(item), consistent));
  add_capacity(out, input, consumed, true);
  co_return out;
}

Result put_item(Backend& backend, RequestContext& ctx, const Json& input) {
  const auto plan = plan_put(backend, ctx, input);
  co_return write_response(backend, plan, input, return_values(input, {"NONE", "ALL_OLD"}));
}

Result delete_item(Backend& backend, RequestContext& ctx, const Json& input) {
  const auto plan = plan_delete(backend, ctx, input);
  co_return write_response(backend, plan, input, return_values(input, {"NONE", "ALL_OLD"}));
}

Result update_item(Backend& backend, RequestContext& ctx, const Json& input) {
  const auto plan = plan_update(backend, ctx, input);
  co_return write_response(
      backend, plan, input,
      return_values(input, {"NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"}));
}

}  // namespace preflight::dynamodb
