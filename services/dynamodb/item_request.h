#pragma once

#include <initializer_list>
#include <optional>
#include <string_view>

#include "emulator/common/json.h"
#include "services/dynamodb/expression/expression.h"
#include "services/dynamodb/table.h"

// Request plumbing every item operation shares: expression vs legacy parameters, placeholders,
// conditions, projections, ReturnValues, and the checks DynamoDB makes on written items.
namespace preflight::dynamodb {

// The placeholders of a request, after DynamoDB's rules on mixing: legacy and expression
// parameters may not be combined, and names/values need at least one expression.
expr::Placeholders request_placeholders(const Json& input,
                                        std::initializer_list<const char*> legacy,
                                        std::initializer_list<const char*> expressions);

// ConditionExpression, else Expected (+ ConditionalOperator); nullopt when neither.
std::optional<expr::Condition> write_condition(const Json& input, expr::Placeholders& p);
// ProjectionExpression, else AttributesToGet; nullopt when neither.
std::optional<expr::Projection> read_projection(const Json& input, expr::Placeholders& p);

// A Key parameter: present, well-formed, normalised, and matching the table's key schema.
Json request_key(const Json& input, const TableDef& table, const char* member = "Key");
// An Item parameter: well-formed, normalised, with the key and index keys properly typed.
Json request_item(const Json& input, const TableDef& table);

// Checks an item about to be written: index key attributes of the right type and not empty, and
// the 400 KB limit.
void check_written_item(const TableDef& table, const Json& item);

// ReturnValues, checked against what the operation allows (NONE when absent).
std::string return_values(const Json& input, std::initializer_list<std::string_view> allowed);

// ConditionalCheckFailedException, with the old item when the request asked for it
// (ReturnValuesOnConditionCheckFailure = ALL_OLD).
[[noreturn]] void condition_failed(const Json& input, const Json& old_item);

}  // namespace preflight::dynamodb
