#include "services/dynamodb/write_plan.h"

#include "emulator/service/input.h"
#include "services/dynamodb/item_request.h"
#include "services/dynamodb/model/errors.h"

namespace preflight::dynamodb {
namespace {

TablePtr request_table(Backend& backend, const core::RequestContext& ctx, const Json& input) {
  const auto name = core::input::string(input, "TableName");
  if (!name) {
    throw errors::validation(
        "1 validation error detected: Value null at 'tableName' failed to "
        "satisfy constraint: Member must not be null");
  }
  return backend.table(ctx, *name);
}

// The table and Key of a keyed write: Delete, Update and ConditionCheck.
void bind_key(WritePlan& plan, Backend& backend, const core::RequestContext& ctx,
              const Json& input) {
  plan.table = request_table(backend, ctx, input);
  plan.key = request_key(input, *plan.table);
  plan.stored_key = plan.table->stored_key(plan.key);
}

}  // namespace

bool WritePlan::condition_holds(const Json& old_item) const {
  return !condition || expr::evaluate(*condition, old_item.is_null() ? Json::object() : old_item);
}

Json WritePlan::next(const Json& old_item) const {
  switch (kind) {
    case Kind::Put:
      return item;
    case Kind::Delete:
      return nullptr;
    case Kind::Check:
      return old_item;
    case Kind::Update:
      break;
  }
  Json updated = old_item.is_null() ? key : old_item;
  if (update) {
    expr::apply_update(*update, updated, !old_item.is_null());
  }
  check_written_item(*table, updated);
  return updated;
}

WritePlan plan_put(Backend& backend, const core::RequestContext& ctx, const Json& input) {
  auto placeholders =
      request_placeholders(input, {"Expected", "ConditionalOperator"}, {"ConditionExpression"});
  WritePlan plan;
  plan.kind = WritePlan::Kind::Put;
  plan.condition = write_condition(input, placeholders);
  placeholders.check_all_used();
  plan.table = request_table(backend, ctx, input);
  plan.item = request_item(input, *plan.table);
  check_written_item(*plan.table, plan.item);
  plan.key = plan.table->key_of(plan.item);
  plan.stored_key = plan.table->stored_key(plan.item);
  return plan;
}

WritePlan plan_delete(Backend& backend, const core::RequestContext& ctx, const Json& input) {
  auto placeholders =
      request_placeholders(input, {"Expected", "ConditionalOperator"}, {"ConditionExpression"});
  WritePlan plan;
  plan.kind = WritePlan::Kind::Delete;
  plan.condition = write_condition(input, placeholders);
  placeholders.check_all_used();
  bind_key(plan, backend, ctx, input);
  return plan;
}

WritePlan plan_check(Backend& backend, const core::RequestContext& ctx, const Json& input) {
  auto placeholders = request_placeholders(input, {}, {"ConditionExpression"});
  WritePlan plan;
  plan.kind = WritePlan::Kind::Check;
  if (!core::input::string(input, "ConditionExpression")) {
    throw errors::validation(
        "1 validation error detected: Value null at 'conditionExpression' "
        "failed to satisfy constraint: Member must not be null");
  }
  plan.condition = write_condition(input, placeholders);
  placeholders.check_all_used();
  bind_key(plan, backend, ctx, input);
  return plan;
}

WritePlan plan_update(Backend& backend, const core::RequestContext& ctx, const Json& input) {
  auto placeholders =
      request_placeholders(input, {"Expected", "ConditionalOperator", "AttributeUpdates"},
                           {"ConditionExpression", "UpdateExpression"});
  WritePlan plan;
  plan.kind = WritePlan::Kind::Update;
  if (const auto text = core::input::string(input, "UpdateExpression")) {
    plan.update = expr::parse_update(*text, placeholders);
  } else if (const auto* updates = core::input::object(input, "AttributeUpdates")) {
    plan.update = expr::attribute_updates(*updates);
  }
  plan.condition = write_condition(input, placeholders);
  placeholders.check_all_used();
  bind_key(plan, backend, ctx, input);
  if (plan.update) {
    for (const auto& name : plan.update->top_level_names()) {
      if (plan.table->keys.partition == name || plan.table->keys.sort == name) {
        throw errors::validation(
            "One or more parameter values were invalid: Cannot update "
            "attribute " +
            name + ". This attribute is part of the key");
      }
    }
  }
  return plan;
}

WriteOutcome execute(Backend& backend, const WritePlan& plan, const Json& request) {
  WriteOutcome outcome;
  outcome.old_item = read_item(backend, *plan.table, plan.stored_key);
  if (!plan.condition_holds(outcome.old_item)) {
    condition_failed(request, outcome.old_item);
  }
  outcome.new_item = plan.next(outcome.old_item);
  if (plan.kind != WritePlan::Kind::Check) {
    outcome.index_writes =
        write_item(backend, *plan.table, plan.stored_key, outcome.old_item, outcome.new_item);
  }
  return outcome;
}

}  // namespace preflight::dynamodb
