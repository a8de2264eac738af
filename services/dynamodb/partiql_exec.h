#pragma once

#include <string>

#include "emulator/service/aws_error.h"
#include "emulator/service/request_context.h"
#include "services/dynamodb/backend.h"
#include "services/dynamodb/capacity.h"
#include "services/dynamodb/partiql/ast.h"
#include "services/dynamodb/partiql/translate.h"
#include "services/dynamodb/write_plan.h"

// Running PartiQL statements on the DynamoDB machinery: a statement is parsed and translated
// into an item request (partiql/), then planned and executed like that request would be.
// ExecuteStatement, BatchExecuteStatement and ExecuteTransaction (partiql_ops.cpp) share this.
namespace preflight::dynamodb {

struct PreparedStatement {
  partiql::Statement statement;
  partiql::Translation translation;
  TablePtr table;

  bool is_read() const { return statement.is_read(); }
};

// `request` holds Statement and Parameters (an ExecuteStatement input, or one member of
// Statements / TransactStatements). Throws ResourceNotFoundException "Requested resource not
// found" for an unknown table, and the parser's and translator's ValidationExceptions.
PreparedStatement prepare_statement(Backend& backend, const core::RequestContext& ctx,
                                    const Json& request, partiql::Context context);

// The item request of a write, with ReturnValuesOnConditionCheckFailure from `options`.
Json write_request(const PreparedStatement& p, const Json& options);
// Validates a write without touching data (plan_put / plan_update / plan_delete / plan_check).
WritePlan plan_statement(Backend& backend, const core::RequestContext& ctx,
                         const PreparedStatement& p, const Json& options);

struct StatementResult {
  Json items = Json::array();
  Json last_evaluated_key;  // null at the end of a read
};

// Runs a write in its own transaction: INSERT of an existing key is DuplicateItemException;
// RETURNING fills `items` with the one item it asks for (none when there is nothing to return).
StatementResult run_write(Backend& backend, const PreparedStatement& p, const WritePlan& plan,
                          const Json& options, Consumed& consumed);
// A SELECT in ExecuteStatement: one page of a Query or Scan. `input` holds Limit,
// ConsistentRead and NextToken.
StatementResult run_select(Backend& backend, const core::RequestContext& ctx,
                           const PreparedStatement& p, const Json& input, Consumed& consumed);
// A SELECT by full key (a batch member): the projected item, or null.
Json run_get(Backend& backend, const PreparedStatement& p, bool consistent, Consumed& consumed);

// The key a statement addresses, as "table\0pk\0sk", to find two statements on one item.
std::string statement_target(const PreparedStatement& p);

core::AwsError duplicate_item();

// NextToken is the LastEvaluatedKey, opaque to the client.
std::string encode_next_token(const Json& last_evaluated_key);
Json decode_next_token(const std::string& token);  // ValidationException "Invalid NextToken"

}  // namespace preflight::dynamodb
