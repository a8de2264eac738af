#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/common/json.h"
#include "services/dynamodb/expression/ast.h"

// The legacy ComparisonOperator conditions (Expected, QueryFilter, ScanFilter, KeyConditions):
// their validation, with DynamoDB's "One or more parameter values were invalid: ..." messages,
// and their meaning as condition trees.
namespace preflight::dynamodb::expr {

enum class LegacyOp {
  EQ,
  NE,
  LE,
  LT,
  GE,
  GT,
  NOT_NULL,
  NUL,
  CONTAINS,
  NOT_CONTAINS,
  BEGINS_WITH,
  IN,
  BETWEEN
};

// Parses ComparisonOperator; `at` names the member for the enum error ("scanFilter.a.member").
LegacyOp legacy_op(const Json& name, std::string_view at);
std::string_view legacy_op_name(LegacyOp op);

// Validates each value (normalising it), then the argument count, their types, and the order
// of BETWEEN's bounds.
void check_legacy_arguments(LegacyOp op, std::vector<Json>& values);

// The condition `op` on top-level attribute `attribute`.
ConditionNode legacy_node(const std::string& attribute, LegacyOp op,
                          const std::vector<Json>& values);

// AND (the default) or OR; throws for other values and for a ConditionalOperator with fewer than
// two conditions to combine.
ConditionNode::Kind conditional_operator(const Json* op, std::size_t conditions);

// "1 validation error detected: Value ..." messages of the request's shape validation.
std::string shape_error(const std::string& value, std::string_view at, std::string_view constraint);

}  // namespace preflight::dynamodb::expr
