#include "emulator/service/input.h"
#include "services/dynamodb/item_request.h"
#include "services/dynamodb/model/errors.h"
#include "services/dynamodb/operations.h"
#include "services/dynamodb/read_request.h"

namespace preflight::dynamodb {
namespace {

// Query filters may not name key attributes of what is queried.
void check_filter_keys(const ReadRequest& r, const KeySchema& keys) {
  if (!r.filter) {
    return;
  }
  for (const auto& path : r.filter->paths()) {
    if (path.empty() || path.front().is_index) {
      continue;
    }
    const auto& name = path.front().name;
    if (name == keys.partition || (keys.sort && name == *keys.sort)) {
      throw errors::validation(
          "Filter Expression can only contain non-primary key attributes: Primary key "
          "attribute: " +
          name);
    }
  }
}

}  // namespace

Result query(Backend& backend, RequestContext& ctx, const Json& input) {
  auto placeholders = request_placeholders(
      input, {"KeyConditions", "QueryFilter", "ConditionalOperator", "AttributesToGet"},
      {"KeyConditionExpression", "FilterExpression", "ProjectionExpression"});
  ReadRequest r = read_request(backend, ctx, input, placeholders, "QueryFilter");
  const KeySchema& keys = r.index != nullptr ? r.index->keys : r.table->keys;

  expr::KeyCondition key_condition;
  if (const auto text = core::input::string(input, "KeyConditionExpression")) {
    key_condition = expr::parse_key_condition(*text, placeholders, keys.partition, keys.sort);
  } else if (const auto* legacy = core::input::object(input, "KeyConditions")) {
    key_condition = expr::key_conditions(*legacy, keys.partition, keys.sort);
  } else {
    throw errors::validation(
        "Either the KeyConditions or KeyConditionExpression parameter must "
        "be specified in the request.");
  }
  placeholders.check_all_used();
  expr::check_key_types(
      key_condition, r.table->attribute_types.at(keys.partition),
      keys.sort ? std::optional<std::string_view>(r.table->attribute_types.at(*keys.sort))
                : std::nullopt);
  check_filter_keys(r, keys);

  r.plan.partition_value = key_condition.partition_value;
  if (key_condition.sort) {
    r.plan.sort = sort_range(*key_condition.sort);
  }
  r.plan.forward = core::input::boolean(input, "ScanIndexForward").value_or(true);
  bind_filter_and_projection(r);
  const auto result = run_query(backend, r.plan);
  co_return read_response(r, result, input);
}

Result scan(Backend& backend, RequestContext& ctx, const Json& input) {
  auto placeholders =
      request_placeholders(input, {"ScanFilter", "ConditionalOperator", "AttributesToGet"},
                           {"FilterExpression", "ProjectionExpression"});
  ReadRequest r = read_request(backend, ctx, input, placeholders, "ScanFilter");
  placeholders.check_all_used();

  const auto segment = core::input::integer(input, "Segment");
  const auto total = core::input::integer(input, "TotalSegments");
  if (segment && !total) {
    throw errors::validation(
        "The TotalSegments parameter is required but was not present in "
        "the request when Segment parameter is present");
  }
  if (total && !segment) {
    throw errors::validation(
        "The Segment parameter is required but was not present in the "
        "request when parameter TotalSegments is present");
  }
  if (total) {
    if (*total < 1 || *total > 1000000) {
      throw errors::validation(
          "1 validation error detected: Value '" + std::to_string(*total) +
          "' at 'totalSegments' failed to satisfy constraint: Member must "
          "have value " +
          (*total < 1 ? "greater than or equal to 1" : "less than or equal to 1000000"));
    }
    if (*segment < 0 || *segment >= *total) {
      throw errors::validation(
          "The Segment parameter is zero-based and must be less than "
          "parameter TotalSegments: Segment: " +
          std::to_string(*segment) + " is not less than TotalSegments: " + std::to_string(*total));
    }
    r.plan.segment = static_cast<int>(*segment);
    r.plan.total_segments = static_cast<int>(*total);
  }
  bind_filter_and_projection(r);
  const auto result = run_scan(backend, r.plan);
  co_return read_response(r, result, input);
}

}  // namespace preflight::dynamodb
