#pragma once

#include <optional>
#include <vector>

#include "emulator/service/request_context.h"
#include "services/dynamodb/backend.h"
#include "services/dynamodb/expression/expression.h"
#include "services/dynamodb/item_writer.h"

namespace preflight::dynamodb {

// One item write, parsed and validated from its request shape (PutItem, UpdateItem, DeleteItem,
// and the Put / Update / Delete / ConditionCheck members of TransactWriteItems) before anything
// is read or written, so that a bad request changes nothing.
struct WritePlan {
  enum class Kind { Put, Update, Delete, Check };
  Kind kind = Kind::Put;
  TablePtr table;
  Json key;  // the key attributes
  StoredKey stored_key;
  Json item;  // Put: the item to write
  std::optional<expr::Update> update;
  std::optional<expr::Condition> condition;

  bool condition_holds(const Json& old_item) const;
  // The item after the write (null for a delete); throws ValidationException for updates that
  // cannot apply and for items over the limits.
  Json next(const Json& old_item) const;
};

WritePlan plan_put(Backend& backend, const core::RequestContext& ctx, const Json& input);
WritePlan plan_delete(Backend& backend, const core::RequestContext& ctx, const Json& input);
WritePlan plan_update(Backend& backend, const core::RequestContext& ctx, const Json& input);
WritePlan plan_check(Backend& backend, const core::RequestContext& ctx, const Json& input);

struct WriteOutcome {
  Json old_item;  // null when there was none
  Json new_item;  // null after a delete
  std::vector<IndexWrite> index_writes;
};

// Reads the current item, checks the condition (ConditionalCheckFailedException, with the old
// item when asked), writes. Callers hold a Transaction.
WriteOutcome execute(Backend& backend, const WritePlan& plan, const Json& request);

}  // namespace preflight::dynamodb
