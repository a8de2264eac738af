#include <set>

#include "emulator/common/crypto.h"
#include "emulator/common/time_format.h"
#include "emulator/protocol/json_body.h"
#include "emulator/service/input.h"
#include "emulator/storage/database.h"
#include "services/dynamodb/capacity.h"
#include "services/dynamodb/item_request.h"
#include "services/dynamodb/item_writer.h"
#include "services/dynamodb/model/attribute_value.h"
#include "services/dynamodb/model/errors.h"
#include "services/dynamodb/operations.h"
#include "services/dynamodb/write_plan.h"

// TransactWriteItems / TransactGetItems: all-or-nothing. Every action is validated first, then
// every condition is checked against the current items, and only if all hold is anything written
// (in one SQLite transaction). Failures are reported per action, in order.
namespace preflight::dynamodb {
namespace {

constexpr std::size_t kMaxActions = 100;
constexpr std::int64_t kTokenLifetime = 10 * 60;  // ClientRequestToken idempotency window

const Json& transact_items(const Json& input) {
  const Json* items = core::input::array(input, "TransactItems");
  if (items == nullptr || items->empty()) {
    throw errors::validation(
        "1 validation error detected: Value null at 'transactItems' failed "
        "to satisfy constraint: Member must have length greater than or "
        "equal to 1");
  }
  if (items->size() > kMaxActions) {
    throw errors::validation(
        "1 validation error detected: Value at 'transactItems' failed to "
        "satisfy constraint: Member must have length less than or equal to "
        "100");
  }
  return *items;
}

// The one action of a TransactWriteItems element.
std::pair<std::string, const Json*> action_of(const Json& element) {
  std::pair<std::string, const Json*> found{"", nullptr};
  for (const auto* name : {"ConditionCheck", "Put", "Delete", "Update"}) {
    if (element.contains(name)) {
      if (found.second != nullptr) {
        throw errors::validation(
            "TransactItems can only contain one of Check, Put, Update or "
            "Delete");
      }
      found = {name, &element[name]};
    }
  }
  if (found.second == nullptr) {
    throw errors::validation("TransactItems can only contain one of Check, Put, Update or Delete");
  }
  return found;
}

void check_distinct_items(const std::vector<WritePlan>& plans) {
  std::set<std::string> seen;
  for (const auto& plan : plans) {
    if (!seen.insert(plan.table->name + '\0' + plan.stored_key.pk + '\0' + plan.stored_key.sk)
             .second) {
      throw errors::validation(
          "Transaction request cannot include multiple operations on one item");
    }
  }
}

[[noreturn]] void cancelled(const Json& reasons) {
  std::string codes;
  for (const auto& r : reasons) {
    codes += (codes.empty() ? "" : ", ") + r["Code"].get<std::string>();
  }
  core::AwsError error("TransactionCanceledException",
                       "Transaction cancelled, please refer cancellation reasons for specific "
                       "reasons [" +
                           codes + "]");
  error.details["CancellationReasons"] = reasons;
  throw error;
}

Json run_transaction(Backend& backend, RequestContext& ctx, const Json& input) {
  const auto& items = transact_items(input);
  std::vector<WritePlan> plans;
  std::vector<const Json*> requests;
  for (const auto& element : items) {
    const auto [kind, request] = action_of(element);
    requests.push_back(request);
    plans.push_back(kind == "Put"      ? plan_put(backend, ctx, *request)
                    : kind == "Delete" ? plan_delete(backend, ctx, *request)
                    : kind == "Update" ? plan_update(backend, ctx, *request)
                                       : plan_check(backend, ctx, *request));
  }
  check_distinct_items(plans);

  // Check every condition and compute every new item before writing anything.
  Json reasons = Json::array();
  bool failed = false;
  std::vector<Json> old_items, new_items;
  for (std::size_t i = 0; i < plans.size(); ++i) {
    const auto& plan = plans[i];
    Json old_item = read_item(backend, *plan.table, plan.stored_key);
    Json reason{{"Code", "None"}};
    if (!plan.condition_holds(old_item)) {
      failed = true;
      reason = {{"Code", "ConditionalCheckFailed"}, {"Message", "The conditional request failed"}};
      if (requests[i]->value("ReturnValuesOnConditionCheckFailure", "NONE") == "ALL_OLD" &&
          !old_item.is_null()) {
        reason["Item"] = old_item;
      }
      new_items.emplace_back(nullptr);
    } else {
      try {
        new_items.push_back(plan.next(old_item));
      } catch (const core::AwsError& e) {
        failed = true;
        reason = {{"Code", "ValidationError"}, {"Message", e.message}};
        new_items.emplace_back(nullptr);
      }
    }
    reasons.push_back(std::move(reason));
    old_items.push_back(std::move(old_item));
  }
  if (failed) {
    cancelled(reasons);
  }

  Consumed consumed;
  core::Transaction tx(backend.store().db());
  for (std::size_t i = 0; i < plans.size(); ++i) {
    const auto& plan = plans[i];
    const auto old_size = old_items[i].is_null() ? 0 : item_size(old_items[i]);
    const auto new_size = new_items[i].is_null() ? 0 : item_size(new_items[i]);
    consumed.add_table(plan.table->name, 2 * write_units(std::max(old_size, new_size)));
    if (plan.kind != WritePlan::Kind::Check) {
      write_item(backend, *plan.table, plan.stored_key, old_items[i], new_items[i]);
    }
  }
  tx.commit();
  Json out = Json::object();
  if (Json report = consumed.report_all(input, false); !report.is_null()) {
    out["ConsumedCapacity"] = std::move(report);
  }
  return out;
}

}  // namespace

Result transact_write_items(Backend& backend, RequestContext& ctx, const Json& input) {
  const auto token = core::input::string(input, "ClientRequestToken");
  if (!token) {
    co_return run_transaction(backend, ctx, input);
  }
  // The same token within ten minutes replays the first answer; a different request with it
  // is a mismatch.
  Json fingerprint = input;
  fingerprint.erase("ReturnConsumedCapacity");
  const auto hash = sha256_hex(core::dump_json(fingerprint));
  const auto now = unix_now();
  if (auto previous = backend.store().transaction_token(ctx.account_id, ctx.region, *token,
                                                        now - kTokenLifetime)) {
    if (previous->first != hash) {
      throw core::AwsError("IdempotentParameterMismatchException",
                           "Request parameters do not match the previous request with the same "
                           "ClientRequestToken");
    }
    co_return Json::parse(previous->second);
  }
  Json out = run_transaction(backend, ctx, input);
  backend.store().save_transaction_token(ctx.account_id, ctx.region, *token, hash,
                                         core::dump_json(out), now);
  co_return out;
}

Result transact_get_items(Backend& backend, RequestContext& ctx, const Json& input) {
  const auto& items = transact_items(input);
  struct Get {
    TablePtr table;
    Json key;
    std::optional<expr::Projection> projection;
  };
  std::vector<Get> gets;
  for (const auto& element : items) {
    const Json* get = core::input::object(element, "Get");
    if (get == nullptr) {
      throw errors::validation(
          "1 validation error detected: Value null at "
          "'transactItems.1.member.get' failed to satisfy constraint: "
          "Member must not be null");
    }
    auto placeholders = request_placeholders(*get, {}, {"ProjectionExpression"});
    Get g;
    g.projection = read_projection(*get, placeholders);
    placeholders.check_all_used();
    g.table = backend.table(ctx, core::input::string(*get, "TableName").value_or(""));
    g.key = request_key(*get, *g.table);
    gets.push_back(std::move(g));
  }
  Json responses = Json::array();
  Consumed consumed;
  for (const auto& g : gets) {
    const Json item = read_item(backend, *g.table, g.table->stored_key(g.key));
    consumed.add_table(g.table->name, 2 * read_units(item.is_null() ? 0 : item_size(item), true));
    Json response = Json::object();
    if (!item.is_null()) {
      response["Item"] = g.projection ? expr::project(item, *g.projection) : item;
    }
    responses.push_back(std::move(response));
  }
  Json out{{"Responses", std::move(responses)}};
  if (Json report = consumed.report_all(input, true); !report.is_null()) {
    out["ConsumedCapacity"] = std::move(report);
  }
  co_return out;
}

}  // namespace preflight::dynamodb
