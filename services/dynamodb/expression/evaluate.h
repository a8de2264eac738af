#pragma once

#include "emulator/common/json.h"
#include "services/dynamodb/expression/ast.h"

// Reading items: document paths and condition trees. A missing attribute, an index past the end
// of a list or a step into the wrong type all read as "no value", never as an error.
namespace preflight::dynamodb::expr {

// The value at `path` in `item` (an attribute map), or nullptr.
const Json* find_path(const Json& item, const Path& path);

// A path's value, a constant, or size(...) (computed into `scratch`); nullptr when there is none.
const Json* evaluate_operand(const Operand& operand, const Json& item, Json& scratch);

bool evaluate_node(const ConditionNode& node, const Json& item);

}  // namespace preflight::dynamodb::expr
