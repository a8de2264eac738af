#include "services/dynamodb/partiql_exec.h"

#include <algorithm>

#include "emulator/common/crypto.h"
#include "emulator/service/input.h"
#include "emulator/storage/database.h"
#include "services/dynamodb/item_request.h"
#include "services/dynamodb/item_writer.h"
#include "services/dynamodb/model/attribute_value.h"
#include "services/dynamodb/model/errors.h"
#include "services/dynamodb/partiql/parser.h"
#include "services/dynamodb/read_request.h"

namespace preflight::dynamodb {
namespace {

using Action = partiql::Translation::Action;

partiql::KeySchema key_schema(const TableDef& table, const KeySchema& keys) {
  partiql::KeySchema out{{keys.partition, table.attribute_types.at(keys.partition)}, {}};
  if (keys.sort) {
    out.sort = partiql::KeyAttribute{*keys.sort, table.attribute_types.at(*keys.sort)};
  }
  return out;
}

// ORDER BY on a page: by each key in turn, items without the attribute first.
void order_page(std::vector<Json>& items, const std::vector<partiql::OrderKey>& order_by) {
  std::stable_sort(items.begin(), items.end(), [&](const Json& a, const Json& b) {
    for (const auto& key : order_by) {
      const auto ia = a.find(key.name);
      const auto ib = b.find(key.name);
      int c = 0;
      if (ia == a.end() || ib == b.end()) {
        c = (ia == a.end() ? 0 : 1) - (ib == b.end() ? 0 : 1);
      } else {
        c = compare(*ia, *ib).value_or(0);
      }
      if (c != 0) {
        return key.descending ? c > 0 : c < 0;
      }
    }
    return false;
  });
}

std::size_t size_or_zero(const Json& item) {
  return item.is_null() ? 0 : item_size(item);
}

}  // namespace

core::AwsError duplicate_item() {
  return {"DuplicateItemException", "Duplicate primary key exists in table"};
}

std::string encode_next_token(const Json& last_evaluated_key) {
  return base64_encode(last_evaluated_key.dump());
}

Json decode_next_token(const std::string& token) {
  const auto bytes = base64_decode(token);
  Json key = bytes ? Json::parse(*bytes, nullptr, false) : Json();
  if (!key.is_object() || key.empty()) {
    throw errors::validation("Invalid NextToken");
  }
  return key;
}

PreparedStatement prepare_statement(Backend& backend, const core::RequestContext& ctx,
                                    const Json& request, partiql::Context context) {
  const auto text = core::input::string(request, "Statement").value_or("");
  const auto parameters = request.find("Parameters");
  PreparedStatement p;
  p.statement = partiql::parse(
      text, parameters == request.end() || parameters->is_null() ? nullptr : &*parameters);
  p.table = backend.table(ctx, p.statement.table);
  const auto table_keys = key_schema(*p.table, p.table->keys);
  std::optional<partiql::KeySchema> index_keys;
  if (p.statement.index && context != partiql::Context::Transaction) {
    const IndexDef* index = p.table->find_index(*p.statement.index);
    if (index == nullptr) {
      throw errors::validation("The table does not have the specified index: " +
                               *p.statement.index);
    }
    index_keys = key_schema(*p.table, index->keys);
  }
  p.translation =
      partiql::translate(p.statement, table_keys, index_keys ? &*index_keys : nullptr, context);
  return p;
}

Json write_request(const PreparedStatement& p, const Json& options) {
  Json request = p.translation.request;
  if (const auto rv = core::input::string(options, "ReturnValuesOnConditionCheckFailure")) {
    request["ReturnValuesOnConditionCheckFailure"] = *rv;
  }
  return request;
}

WritePlan plan_statement(Backend& backend, const core::RequestContext& ctx,
                         const PreparedStatement& p, const Json& options) {
  const Json request = write_request(p, options);
  switch (p.translation.action) {
    case Action::PutItem:
      return plan_put(backend, ctx, request);
    case Action::UpdateItem:
      return plan_update(backend, ctx, request);
    case Action::DeleteItem:
      return plan_delete(backend, ctx, request);
    case Action::ConditionCheck:
      return plan_check(backend, ctx, request);
    default:
      break;
  }
  throw errors::validation("Only SET and REMOVE are supported in update expressions at this time");
}

StatementResult run_write(Backend& backend, const PreparedStatement& p, const WritePlan& plan,
                          const Json& options, Consumed& consumed) {
  const Json request = write_request(p, options);
  core::Transaction tx(backend.store().db());
  WriteOutcome outcome;
  try {
    outcome = execute(backend, plan, request);
  } catch (const core::AwsError& e) {
    if (p.translation.insert && e.code == "ConditionalCheckFailedException") {
      throw duplicate_item();
    }
    throw;
  }
  tx.commit();

  consumed.add_table(p.table->name, write_units(std::max(size_or_zero(outcome.old_item),
                                                         size_or_zero(outcome.new_item))));
  for (const auto& w : outcome.index_writes) {
    consumed.add_index(p.table->name, w.index, w.global, w.units);
  }
  StatementResult out;
  const auto returning = request.value("ReturnValues", std::string("NONE"));
  const auto paths = plan.update ? plan.update->paths : std::vector<expr::Path>{};
  Json returned;
  if (returning == "ALL_OLD") {
    returned = outcome.old_item;
  } else if (returning == "ALL_NEW") {
    returned = outcome.new_item;
  } else if (returning == "UPDATED_OLD" && !outcome.old_item.is_null()) {
    returned = expr::project(outcome.old_item, paths);
  } else if (returning == "UPDATED_NEW" && !outcome.new_item.is_null()) {
    returned = expr::project(outcome.new_item, paths);
  }
  if (returned.is_object() && !returned.empty()) {
    out.items.push_back(std::move(returned));
  }
  return out;
}

StatementResult run_select(Backend& backend, const core::RequestContext& ctx,
                           const PreparedStatement& p, const Json& input, Consumed& consumed) {
  Json request = p.translation.request;
  if (const auto limit = core::input::integer(input, "Limit")) {
    request["Limit"] = *limit;
  }
  if (const auto consistent = core::input::boolean(input, "ConsistentRead")) {
    request["ConsistentRead"] = *consistent;
  }
  if (const auto token = core::input::string(input, "NextToken")) {
    request["ExclusiveStartKey"] = decode_next_token(*token);
  }
  auto placeholders = request_placeholders(
      request, {}, {"KeyConditionExpression", "FilterExpression", "ProjectionExpression"});
  ReadRequest r = read_request(backend, ctx, request, placeholders, "ScanFilter");
  const bool query = p.translation.action == Action::Query;
  if (query) {
    const KeySchema& keys = r.index != nullptr ? r.index->keys : r.table->keys;
    const auto condition =
        expr::parse_key_condition(request["KeyConditionExpression"].get<std::string>(),
                                  placeholders, keys.partition, keys.sort);
    r.plan.partition_value = condition.partition_value;
    if (condition.sort) {
      r.plan.sort = sort_range(*condition.sort);
    }
    r.plan.forward = request.value("ScanIndexForward", true);
  }
  placeholders.check_all_used();
  // Only the filter: PartiQL shapes projected paths itself (under their last name) below.
  if (r.filter) {
    r.plan.filter = [&r](const Json& item) { return expr::evaluate(*r.filter, item); };
  }
  const ReadResult result = query ? run_query(backend, r.plan) : run_scan(backend, r.plan);

  std::vector<Json> items(result.items.begin(), result.items.end());
  if (!p.translation.order_by.empty()) {
    order_page(items, p.translation.order_by);
  }
  StatementResult out;
  for (auto& item : items) {
    out.items.push_back(p.statement.projection.empty()
                            ? std::move(item)
                            : partiql::select_output(item, p.statement.projection));
  }
  out.last_evaluated_key = result.last_evaluated_key;
  const double units = read_units(result.bytes, r.consistent);
  if (r.index != nullptr) {
    consumed.add_index(r.table->name, r.index->name, r.index->global, units);
  } else {
    consumed.add_table(r.table->name, units);
  }
  return out;
}

Json run_get(Backend& backend, const PreparedStatement& p, bool consistent, Consumed& consumed) {
  const Json& request = p.translation.request;
  auto placeholders = request_placeholders(request, {}, {"ProjectionExpression"});
  const auto projection = read_projection(request, placeholders);
  placeholders.check_all_used();
  const Json key = request_key(request, *p.table);
  const Json item = read_item(backend, *p.table, p.table->stored_key(key));
  consumed.add_table(p.table->name, read_units(size_or_zero(item), consistent));
  if (item.is_null()) {
    return nullptr;
  }
  return projection ? expr::project(item, *projection) : item;
}

std::string statement_target(const PreparedStatement& p) {
  const Json& request = p.translation.request;
  const auto key = p.table->stored_key(request.contains("Item") ? request["Item"] : request["Key"]);
  return p.table->name + '\0' + key.pk + '\0' + key.sk;
}

}  // namespace preflight::dynamodb
