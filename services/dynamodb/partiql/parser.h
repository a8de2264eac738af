#pragma once

#include <string_view>

#include "emulator/common/json.h"
#include "services/dynamodb/partiql/ast.h"

namespace preflight::dynamodb::partiql {

// Parses one statement of the subset DynamoDB accepts and binds its `?` parameters, in order,
// from `parameters` (a list of AttributeValues; null when the request has none). Throws
// ValidationException: "Statement wasn't well formed, can't be processed: <detail>" for syntax,
// DynamoDB's own messages for what parses but is not supported ("Aliasing is not supported",
// "Unsupported clause: LIMIT", ...), "Number of parameters in request and statement don't
// match." when there are fewer parameters than `?`, and the AttributeValue messages for invalid
// literals and parameters.
Statement parse(std::string_view text, const Json* parameters);

}  // namespace preflight::dynamodb::partiql
