#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/common/json.h"
#include "services/dynamodb/expression/ast.h"
#include "services/dynamodb/expression/placeholders.h"

// DynamoDB's expression language: condition, filter, key condition, update and projection
// expressions, and the legacy parameters (Expected, QueryFilter, ScanFilter, KeyConditions,
// AttributeUpdates, AttributesToGet) mapped onto the same trees. Parsing validates everything
// DynamoDB validates before touching an item and throws ValidationException with its messages;
// evaluation never fails except where DynamoDB fails an update. Items are attribute maps
// ({"name": {"S": "x"}, ...}), possibly empty. After parsing every expression of a request,
// callers call Placeholders::check_all_used().
namespace preflight::dynamodb::expr {

// ---- Conditions: ConditionExpression, FilterExpression, Expected, QueryFilter, ScanFilter ----

struct Condition {
  ConditionNode root;
  // Every document path the condition reads, in source order (for "Filter Expression can only
  // contain non-primary key attributes" and the key-scalar checks callers make).
  std::vector<Path> paths() const;
};

// kind is "ConditionExpression" or "FilterExpression"; it prefixes every message.
Condition parse_condition(std::string_view text, Placeholders& placeholders, std::string_view kind);
bool evaluate(const Condition& condition, const Json& item);

// ---- Key conditions: KeyConditionExpression, KeyConditions ----

struct SortKeyCondition {
  enum class Op { Eq, Lt, Le, Gt, Ge, Between, BeginsWith };
  Op op = Op::Eq;
  Json value;  // the bound; the lower bound for Between
  Json upper;  // Between only
};

struct KeyCondition {
  std::string partition_key;
  Json partition_value;
  std::optional<std::string> sort_key;  // set when the condition constrains the sort key
  std::optional<SortKeyCondition> sort;
};

// Validates as a condition first ("Invalid KeyConditionExpression: ..."), then as DynamoDB
// extracts key conditions ("Invalid operator used in KeyConditionExpression: OR", "...must only
// contain one condition per key", "Conditions can be of length 1 or 2 only"), then against the
// key schema ("Query condition missed key schema element: id", "Query key condition not
// supported"). `sort_key` is the table's (or index's) sort key, if it has one.
KeyCondition parse_key_condition(std::string_view text, Placeholders& placeholders,
                                 const std::string& partition_key,
                                 const std::optional<std::string>& sort_key);
bool matches(const SortKeyCondition& condition, const Json& sort_value);
// "One or more parameter values were invalid: Condition parameter type does not match schema
// type" when a value's type is not its key attribute's (the caller knows the schema types).
void check_key_types(const KeyCondition& condition, std::string_view partition_type,
                     std::optional<std::string_view> sort_type);

// ---- Updates: UpdateExpression, AttributeUpdates ----

struct Update {
  std::vector<UpdateAction> actions;  // in source order
  // The paths the update writes, in source order: ReturnValues UPDATED_OLD / UPDATED_NEW is the
  // old / new item projected on them (project(item, update.paths)).
  std::vector<Path> paths;
  // Top-level attributes written, for "Cannot update attribute x. This attribute is part of
  // the key" and index-key checks.
  std::set<std::string> top_level_names() const;
};

Update parse_update(std::string_view text, Placeholders& placeholders);
// Applies to `item` in place (named apply_update: an unqualified `apply` would meet std::apply
// through argument-dependent lookup on Json). Every value is read from the item as it was before
// the update; list indexes refer to the list before the update. `item_exists` is false when the
// update creates the item (DynamoDB then ignores REMOVE of a nested path). Throws
// ValidationException: "The document path provided in the update expression is invalid for update",
// "The provided expression refers to an attribute that does not exist in the item", "An operand in
// the update expression has an incorrect data type", number overflow / precision from the model.
void apply_update(const Update& update, Json& item, bool item_exists = true);

// ---- Projections: ProjectionExpression, AttributesToGet ----

struct Projection {
  std::vector<Path> paths;  // in source order
};

Projection parse_projection(std::string_view text, Placeholders& placeholders);
// The item reduced to the paths, nested the way DynamoDB returns it: a.b[2].c of
// {a: {b: [x, y, {c, d}]}} is {a: {b: [{c}]}}; several indexes of one list keep their order.
Json project(const Json& item, const Projection& projection);
Json project(const Json& item, const std::vector<Path>& paths);

// ---- Legacy parameters ----

// Expected with ConditionalOperator (null when absent). Validates as DynamoDB does.
Condition expected_condition(const Json& expected, const Json* conditional_operator);
// QueryFilter / ScanFilter; `member` is "QueryFilter" or "ScanFilter".
Condition filter_condition(const Json& filter, const Json* conditional_operator,
                           std::string_view member);
KeyCondition key_conditions(const Json& conditions, const std::string& partition_key,
                            const std::optional<std::string>& sort_key);
// AttributeUpdates: PUT (the default), ADD (numbers, sets, and lists, which it appends) and
// DELETE; applying one reports a wrong type as "Type mismatch for attribute to update".
Update attribute_updates(const Json& updates);
Projection attributes_to_get(const Json& names);

}  // namespace preflight::dynamodb::expr
