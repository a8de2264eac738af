#include "services/dynamodb/read_request.h"

#include "emulator/service/input.h"
#include "services/dynamodb/item_request.h"
#include "services/dynamodb/item_writer.h"
#include "services/dynamodb/model/attribute_value.h"
#include "services/dynamodb/model/errors.h"

namespace preflight::dynamodb {
namespace {

std::string select_of(const Json& input, const IndexDef* index, bool has_projection) {
  const auto select = core::input::string(input, "Select");
  const char* projection_member =
      input.contains("ProjectionExpression") ? "ProjectionExpression" : "AttributesToGet";
  if (!select) {
    return has_projection     ? "SPECIFIC_ATTRIBUTES"
           : index != nullptr ? "ALL_PROJECTED_ATTRIBUTES"
                              : "ALL_ATTRIBUTES";
  }
  if (*select != "ALL_ATTRIBUTES" && *select != "ALL_PROJECTED_ATTRIBUTES" &&
      *select != "SPECIFIC_ATTRIBUTES" && *select != "COUNT") {
    throw errors::validation("1 validation error detected: Value '" + *select +
                             "' at 'select' failed to satisfy constraint: Member must satisfy "
                             "enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, "
                             "ALL_PROJECTED_ATTRIBUTES]");
  }
  if (*select == "SPECIFIC_ATTRIBUTES" && !has_projection) {
    throw errors::validation(
        "Must specify the AttributesToGet or ProjectionExpression when "
        "choosing to get SPECIFIC_ATTRIBUTES");
  }
  if (*select != "SPECIFIC_ATTRIBUTES" && has_projection) {
    throw errors::validation(std::string("Cannot specify the ") + projection_member +
                             " when choosing to get " + *select);
  }
  if (*select == "ALL_PROJECTED_ATTRIBUTES" && index == nullptr) {
    throw errors::validation(
        "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
  }
  return *select;
}

}  // namespace

ReadRequest read_request(Backend& backend, const core::RequestContext& ctx, const Json& input,
                         expr::Placeholders& placeholders, const char* filter_member) {
  ReadRequest r;
  r.table = backend.table(ctx, core::input::string(input, "TableName").value_or(""));
  r.plan.table = r.table.get();
  if (const auto name = core::input::string(input, "IndexName")) {
    r.index = r.table->find_index(*name);
    if (r.index == nullptr) {
      throw errors::validation("The table does not have the specified index: " + *name);
    }
  }
  r.plan.index = r.index;
  r.consistent = core::input::boolean(input, "ConsistentRead").value_or(false);
  if (r.consistent && r.index != nullptr && r.index->global) {
    throw errors::validation("Consistent reads are not supported on global secondary indexes");
  }

  r.projection = read_projection(input, placeholders);
  if (const auto text = core::input::string(input, "FilterExpression")) {
    r.filter = expr::parse_condition(*text, placeholders, "FilterExpression");
  } else if (const auto* legacy = core::input::object(input, filter_member)) {
    const auto op = input.find("ConditionalOperator");
    r.filter = expr::filter_condition(*legacy, op == input.end() ? nullptr : &*op, filter_member);
  }

  const auto select = select_of(input, r.index, r.projection.has_value());
  if (select == "ALL_ATTRIBUTES" && r.index != nullptr && r.index->global &&
      r.index->projection_type != "ALL") {
    throw errors::validation(
        "One or more parameter values were invalid: Select type "
        "ALL_ATTRIBUTES is not supported for global secondary index " +
        r.index->name + " because its projection type is not ALL");
  }
  r.plan.count_only = select == "COUNT";

  if (const auto limit = core::input::integer(input, "Limit")) {
    if (*limit < 1) {
      throw errors::validation("1 validation error detected: Value '" + std::to_string(*limit) +
                               "' at 'limit' failed to satisfy constraint: Member must have "
                               "value greater than or equal to 1");
    }
    r.plan.limit = *limit;
  }
  if (const auto* start = core::input::object(input, "ExclusiveStartKey")) {
    Json key = *start;
    validate_item(key);
    r.plan.exclusive_start_key = std::move(key);
  }

  // A local index answers for attributes it does not project by fetching the table's item.
  if (r.index != nullptr && !r.index->global && r.index->projection_type != "ALL" &&
      (select == "ALL_ATTRIBUTES" || select == "SPECIFIC_ATTRIBUTES")) {
    const auto* table = r.table.get();
    r.plan.fetch = [&backend, table](Json item) {
      Json full = read_item(backend, *table, table->stored_key(item));
      return full.is_null() ? item : full;
    };
  }
  return r;
}

void bind_filter_and_projection(ReadRequest& r) {
  if (r.filter) {
    r.plan.filter = [&r](const Json& item) { return expr::evaluate(*r.filter, item); };
  }
  if (r.projection) {
    r.plan.project = [&r](const Json& item) { return expr::project(item, *r.projection); };
  }
}

Json read_response(const ReadRequest& r, const ReadResult& result, const Json& input) {
  Json out = Json::object();
  if (!r.plan.count_only) {
    out["Items"] = result.items;
  }
  out["Count"] = result.count;
  out["ScannedCount"] = result.scanned;
  if (!result.last_evaluated_key.is_null()) {
    out["LastEvaluatedKey"] = result.last_evaluated_key;
  }
  Consumed consumed;
  const double units = read_units(result.bytes, r.consistent);
  if (r.index != nullptr) {
    consumed.add_index(r.table->name, r.index->name, r.index->global, units);
  } else {
    consumed.add_table(r.table->name, units);
  }
  if (Json report = consumed.report(input, true); !report.is_null()) {
    out["ConsumedCapacity"] = std::move(report);
  }
  return out;
}

}  // namespace preflight::dynamodb
