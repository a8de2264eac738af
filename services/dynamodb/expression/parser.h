#pragma once

#include <string_view>
#include <vector>

#include "services/dynamodb/expression/ast.h"

// The grammar of each expression kind. These only check syntax (and redundant parentheses): the
// trees they return still hold names as written, for the checker to validate and resolve.
// Errors are ValidationExceptions "Invalid <kind>: Syntax error; token: ..., near: ...".
namespace preflight::dynamodb::expr {

struct UpdateSection {
  UpdateAction::Kind kind = UpdateAction::Kind::Set;
  std::vector<UpdateAction> actions;
};

ConditionNode parse_condition_syntax(std::string_view text, std::string_view kind);
std::vector<UpdateSection> parse_update_syntax(std::string_view text, std::string_view kind);
std::vector<Path> parse_projection_syntax(std::string_view text, std::string_view kind);

}  // namespace preflight::dynamodb::expr
