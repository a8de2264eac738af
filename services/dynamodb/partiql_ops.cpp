#include <set>

#include "emulator/service/input.h"
#include "services/dynamodb/model/errors.h"
#include "services/dynamodb/operations.h"
#include "services/dynamodb/partiql/parser.h"
#include "services/dynamodb/partiql_exec.h"

// ExecuteStatement, BatchExecuteStatement and ExecuteTransaction: PartiQL statements run as the
// item requests they translate to (partiql_exec.h).
namespace preflight::dynamodb {
namespace {

constexpr std::size_t kMaxStatementBytes = 8192;
constexpr std::size_t kMaxBatchStatements = 25;
constexpr std::size_t kMaxTransactionStatements = 100;

std::string constraint(const std::string& value, const std::string& member,
                       const std::string& rule) {
  return "1 validation error detected: Value " + value + " at '" + member +
         "' failed to satisfy constraint: " + rule;
}

// A list member: present, and within its bounds.
const Json& statement_list(const Json& input, const char* name, const std::string& member,
                           std::size_t max) {
  const Json* list = core::input::array(input, name);
  if (list == nullptr) {
    throw errors::validation(constraint("null", member, "Member must not be null"));
  }
  if (list->empty()) {
    throw errors::validation(
        constraint("'[]'", member, "Member must have length greater than or equal to 1"));
  }
  if (list->size() > max) {
    throw errors::validation("1 validation error detected: Value at '" + member +
                             "' failed to satisfy constraint: Member must have length less than "
                             "or equal to " +
                             std::to_string(max));
  }
  return *list;
}

// Statement, Parameters and ReturnValuesOnConditionCheckFailure of one statement request;
// `prefix` places it in the input ("" or "statements.1.member.").
void check_statement_request(const Json& request, const std::string& prefix) {
  const auto text = core::input::string(request, "Statement");
  if (!text) {
    throw errors::validation(constraint("null", prefix + "statement", "Member must not be null"));
  }
  if (text->empty()) {
    throw errors::validation(constraint("''", prefix + "statement",
                                        "Member must have length greater than or equal to 1"));
  }
  if (text->size() > kMaxStatementBytes) {
    throw errors::validation("Member must have length less than or equal to 8192");
  }
  if (const Json* parameters = core::input::array(request, "Parameters");
      parameters != nullptr && parameters->empty()) {
    throw errors::validation(constraint("'[]'", prefix + "parameters",
                                        "Member must have length greater than or equal to 1"));
  }
  const auto on_failure = core::input::string(request, "ReturnValuesOnConditionCheckFailure");
  if (on_failure && *on_failure != "ALL_OLD" && *on_failure != "NONE") {
    throw errors::validation(constraint("'" + *on_failure + "'",
                                        prefix + "returnValuesOnConditionCheckFailure",
                                        "Member must satisfy enum value set: [ALL_OLD, NONE]"));
  }
}

// The short codes BatchExecuteStatement reports per statement.
std::string batch_code(const std::string& code) {
  if (code == "ConditionalCheckFailedException") {
    return "ConditionalCheckFailed";
  }
  if (code == "DuplicateItemException") {
    return "DuplicateItem";
  }
  if (code == "ResourceNotFoundException") {
    return "ResourceNotFound";
  }
  return "ValidationError";
}

Json batch_error(const core::AwsError& e, const TablePtr& table) {
  Json error{{"Code", batch_code(e.code)}, {"Message", e.message}};
  if (e.details.contains("Item")) {
    error["Item"] = e.details["Item"];
  }
  Json entry{{"Error", std::move(error)}};
  if (table) {
    entry["TableName"] = table->name;
  }
  return entry;
}

void add_capacity(Json& out, const Json& input, const Consumed& consumed, bool read, bool all) {
  Json report = all ? consumed.report_all(input, read) : consumed.report(input, read);
  if (!report.is_null()) {
    out["ConsumedCapacity"] = std::move(report);
  }
}

// One member of a batch, as far as it got.
struct BatchMember {
  std::optional<PreparedStatement> prepared;
  std::optional<WritePlan> plan;
  std::optional<core::AwsError> error;
};

}  // namespace

Result execute_statement(Backend& backend, RequestContext& ctx, const Json& input) {
  check_statement_request(input, "");
  if (const auto limit = core::input::integer(input, "Limit"); limit && *limit < 1) {
    throw errors::validation(constraint("'" + std::to_string(*limit) + "'", "limit",
                                        "Member must have value greater than or equal to 1"));
  }
  const auto p = prepare_statement(backend, ctx, input, partiql::Context::Single);
  Consumed consumed;
  StatementResult result;
  if (p.is_read()) {
    result = run_select(backend, ctx, p, input, consumed);
  } else {
    const auto plan = plan_statement(backend, ctx, p, input);
    result = run_write(backend, p, plan, input, consumed);
  }
  Json out{{"Items", std::move(result.items)}};
  if (!result.last_evaluated_key.is_null()) {
    out["NextToken"] = encode_next_token(result.last_evaluated_key);
    out["LastEvaluatedKey"] = result.last_evaluated_key;
  }
  add_capacity(out, input, consumed, p.is_read(), false);
  co_return out;
}

Result batch_execute_statement(Backend& backend, RequestContext& ctx, const Json& input) {
  const Json& statements = statement_list(input, "Statements", "statements", kMaxBatchStatements);
  // A batch is all reads or all writes; statements that do not parse take no part in that.
  bool reads = false;
  bool writes = false;
  for (std::size_t i = 0; i < statements.size(); ++i) {
    check_statement_request(statements[i], "statements." + std::to_string(i + 1) + ".member.");
    try {
      const auto parameters = statements[i].find("Parameters");
      const bool read =
          partiql::parse(
              statements[i]["Statement"].get<std::string>(),
              parameters == statements[i].end() || parameters->is_null() ? nullptr : &*parameters)
              .is_read();
      (read ? reads : writes) = true;
    } catch (const core::AwsError&) {
    }
  }
  if (reads && writes) {
    throw errors::validation(
        "Read and write requests together in the same batch is not supported.");
  }

  std::vector<BatchMember> members(statements.size());
  std::set<std::string> targets;
  for (std::size_t i = 0; i < statements.size(); ++i) {
    auto& m = members[i];
    try {
      m.prepared = prepare_statement(backend, ctx, statements[i], partiql::Context::Batch);
      if (!m.prepared->is_read()) {
        m.plan = plan_statement(backend, ctx, *m.prepared, statements[i]);
      }
    } catch (const core::AwsError& e) {
      m.error = e;
      continue;
    }
    if (!targets.insert(statement_target(*m.prepared)).second) {
      throw errors::validation("Provided list of item keys contains duplicates");
    }
  }

  Json responses = Json::array();
  Consumed consumed;
  for (std::size_t i = 0; i < members.size(); ++i) {
    const auto& m = members[i];
    if (m.error) {
      responses.push_back(batch_error(*m.error, m.prepared ? m.prepared->table : nullptr));
      continue;
    }
    const auto& p = *m.prepared;
    Json entry{{"TableName", p.table->name}};
    try {
      if (p.is_read()) {
        const bool consistent =
            core::input::boolean(statements[i], "ConsistentRead").value_or(false);
        if (Json item = run_get(backend, p, consistent, consumed); !item.is_null()) {
          entry["Item"] = std::move(item);
        }
      } else {
        auto result = run_write(backend, p, *m.plan, statements[i], consumed);
        if (!result.items.empty()) {
          entry["Item"] = std::move(result.items[0]);
        }
      }
    } catch (const core::AwsError& e) {
      entry = batch_error(e, p.table);
    }
    responses.push_back(std::move(entry));
  }
  Json out{{"Responses", std::move(responses)}};
  add_capacity(out, input, consumed, reads, true);
  co_return out;
}

Result execute_transaction(Backend& backend, RequestContext& ctx, const Json& input) {
  const Json& statements =
      statement_list(input, "TransactStatements", "transactStatements", kMaxTransactionStatements);
  std::vector<PreparedStatement> prepared;
  Json items = Json::array();
  for (std::size_t i = 0; i < statements.size(); ++i) {
    try {
      check_statement_request(statements[i],
                              "transactStatements." + std::to_string(i + 1) + ".member.");
      prepared.push_back(
          prepare_statement(backend, ctx, statements[i], partiql::Context::Transaction));
      const auto& p = prepared.back();
      if (!p.is_read()) {
        plan_statement(backend, ctx, p, statements[i]);  // validates before anything runs
      }
    } catch (core::AwsError& e) {
      if (e.code == "ValidationException") {
        e.message =
            "Validation failed in TransactStatements[" + std::to_string(i) + "]: " + e.message;
      }
      throw;
    }
  }
  const bool reads = prepared.front().is_read();
  for (const auto& p : prepared) {
    if (p.is_read() != reads) {
      throw errors::validation(
          "ExecuteTransaction API does not support both read and write operations in the same "
          "request.");
    }
  }

  // The statements run as the TransactGetItems / TransactWriteItems they translate to.
  using Action = partiql::Translation::Action;
  for (std::size_t i = 0; i < prepared.size(); ++i) {
    const auto& t = prepared[i].translation;
    const char* kind = t.action == Action::GetItem      ? "Get"
                       : t.action == Action::PutItem    ? "Put"
                       : t.action == Action::UpdateItem ? "Update"
                       : t.action == Action::DeleteItem ? "Delete"
                                                        : "ConditionCheck";
    items.push_back({{kind, reads ? t.request : write_request(prepared[i], statements[i])}});
  }
  Json request{{"TransactItems", std::move(items)}};
  for (const char* member : {"ClientRequestToken", "ReturnConsumedCapacity"}) {
    if (input.contains(member)) {
      request[member] = input[member];
    }
  }
  if (reads) {
    co_return co_await transact_get_items(backend, ctx, request);
  }
  try {
    co_return co_await transact_write_items(backend, ctx, request);
  } catch (core::AwsError& e) {
    if (e.code != "TransactionCanceledException" || !e.details.contains("CancellationReasons")) {
      throw;
    }
    // An INSERT whose key exists fails as a duplicate, not as a condition.
    auto& reasons = e.details["CancellationReasons"];
    std::string codes;
    for (std::size_t i = 0; i < reasons.size() && i < prepared.size(); ++i) {
      if (prepared[i].translation.insert &&
          reasons[i].value("Code", "") == "ConditionalCheckFailed") {
        reasons[i] = {{"Code", "DuplicateItem"}, {"Message", duplicate_item().message}};
      }
      codes += (codes.empty() ? "" : ", ") + reasons[i].value("Code", std::string());
    }
    e.message = "Transaction cancelled, please refer cancellation reasons for specific reasons [" +
                codes + "]";
    throw;
  }
}

}  // namespace preflight::dynamodb
