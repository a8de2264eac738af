#pragma once

#include <string_view>

namespace preflight::dynamodb::expr {

// DynamoDB's reserved words (the developer guide's "Reserved words in DynamoDB" list), which may
// not appear as bare attribute names in an expression. The match ignores case.
bool is_reserved_word(std::string_view word);

}  // namespace preflight::dynamodb::expr
