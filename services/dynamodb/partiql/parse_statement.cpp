#include <set>

#include "services/dynamodb/model/errors.h"
#include "services/dynamodb/partiql/parser.h"
#include "services/dynamodb/partiql/parser_impl.h"
#include "services/dynamodb/partiql/translate.h"

namespace preflight::dynamodb::partiql {
namespace {

constexpr const char* kMissingKeyEquality =
    "Where clause does not contain a mandatory equality on all key attributes";

bool valid_table_name(const std::string& name) {
  if (name.size() < 3 || name.size() > 255) {
    return false;
  }
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) {
      return false;
    }
  }
  return true;
}

// RETURNING as written, for DELETE's message.
std::string returning_text(const std::string& return_values) {
  if (return_values == "ALL_NEW") {
    return "ALL NEW *";
  }
  if (return_values == "UPDATED_OLD") {
    return "MODIFIED OLD *";
  }
  if (return_values == "UPDATED_NEW") {
    return "MODIFIED NEW *";
  }
  return "ALL OLD *";
}

}  // namespace

Statement parse(std::string_view text, const Json* parameters) {
  return Parser(text, parameters).statement();
}

Statement Parser::statement() {
  Statement s;
  const Token& first = peek();
  if (first.is_word("SELECT")) {
    s = select();
  } else if (first.is_word("INSERT")) {
    s = insert();
  } else if (first.is_word("UPDATE")) {
    s = update();
  } else if (first.is_word("DELETE")) {
    s = remove();
  } else if (first.is_word("EXISTS")) {
    s = exists();
  } else if (first.kind == TokenKind::End) {
    unexpected();
  } else {
    throw malformed("Expected data manipulation");
  }
  accept(";");
  if (peek().kind != TokenKind::End) {
    throw malformed("Unexpected token after expression");
  }
  return s;
}

Statement Parser::select() {
  Statement s;
  s.kind = Statement::Kind::Select;
  expect_word("SELECT");
  if (peek().is_word("DISTINCT")) {
    throw errors::validation("Unsupported token in expression: DISTINCT");
  }
  s.projection = projection();
  expect_word("FROM");
  source(s);
  no_alias();
  if (accept_word("WHERE")) {
    s.where = condition();
  }
  if (accept_word("ORDER")) {
    expect_word("BY");
    s.order_by = order_by();
  }
  for (const char* clause : {"LIMIT", "OFFSET", "HAVING"}) {
    if (peek().is_word(clause)) {
      throw errors::validation(std::string("Unsupported clause: ") + clause);
    }
  }
  if (peek().is_word("GROUP")) {
    throw errors::validation("Unsupported clause: GROUP BY");
  }
  return s;
}

std::vector<Path> Parser::projection() {
  std::vector<Path> paths;
  if (accept("*")) {
    if (peek().is(",")) {
      throw errors::validation(
          "Other attributes should not be present in the projection when '*' is used.");
    }
    return paths;
  }
  std::set<std::string> names;
  do {
    if (!at_name() || peek(1).is("(")) {
      if (peek().kind == TokenKind::End || peek().is_word("FROM") || peek().is("*")) {
        unexpected();
      }
      throw errors::validation("Unexpected path component");
    }
    paths.push_back(path());
    if (peek().is_word("AS") || at_name()) {
      throw errors::validation("Aliasing is not supported");
    }
    if (!names.insert(output_name(paths.back())).second) {
      throw errors::validation("Duplicate identifiers in select clause: " +
                               output_name(paths.back()));
    }
  } while (accept(","));
  return paths;
}

void Parser::source(Statement& s) {
  if (!at_name()) {
    unexpected();
  }
  s.table = name();
  if (accept(".")) {
    if (!at_name()) {
      unexpected();
    }
    s.index = name();
    if (peek().is(".")) {
      throw errors::validation("A path may contain at most 2 components in the FROM clause");
    }
  }
  if (s.table.empty() || (s.index && s.index->empty())) {
    throw errors::validation("Path component cannot be an empty string");
  }
  if (!valid_table_name(s.table)) {
    throw errors::validation(
        "Table name should be within the length [3, 255] and only contain 'a-z', 'A-Z', '0-9', "
        "'-', '_', '.'.");
  }
}

void Parser::no_alias() {
  if (peek().is_word("AS") || at_name()) {
    throw errors::validation("Aliasing is not supported");
  }
}

std::vector<OrderKey> Parser::order_by() {
  std::vector<OrderKey> keys;
  do {
    if (!at_name()) {
      unexpected();
    }
    OrderKey key{name(), false};
    if (peek().is(".") || peek().is("[")) {
      throw errors::validation(
          "Argument to ORDER BY must be of type VariableReference. Type: Path");
    }
    if (accept_word("DESC")) {
      key.descending = true;
    } else {
      accept_word("ASC");
    }
    keys.push_back(std::move(key));
  } while (accept(","));
  return keys;
}

Statement Parser::insert() {
  Statement s;
  s.kind = Statement::Kind::Insert;
  expect_word("INSERT");
  expect_word("INTO");
  source(s);
  if (s.index) {
    throw errors::validation(
        "FROM clause may only contain a single table name in data manipulation statements");
  }
  if (peek().is_word("VALUES")) {
    throw errors::validation(
        "Unsupported operation: Inserting multiple items in a single statement is not "
        "supported, use \"INSERT INTO tableName VALUE item\" instead");
  }
  if (!accept_word("VALUE")) {
    if (at_name()) {
      throw malformed("Unexpected token after expression");
    }
    unexpected();
  }
  Json item;
  if (peek().is("{")) {
    advance();
    item = map("");
  } else if (peek().is("?")) {
    item = parameter().value;
  } else if (peek().kind == TokenKind::End) {
    unexpected();
  }
  if (!item.is_object() || !item.contains("M")) {
    throw errors::validation(
        "Unsupported format in item expression. Please use struct format {...} to express item "
        "values for insert statement.");
  }
  s.item = std::move(item["M"]);
  if (peek().is_word("RETURNING")) {
    throw errors::validation("RETURNING is not supported in INSERT");
  }
  return s;
}

Statement Parser::update() {
  Statement s;
  s.kind = Statement::Kind::Update;
  expect_word("UPDATE");
  source(s);
  no_alias();
  while (true) {
    if (accept_word("SET")) {
      do {
        s.assignments.push_back(assignment());
      } while (accept(","));
    } else if (accept_word("REMOVE")) {
      do {
        if (!at_name()) {
          unexpected();
        }
        s.assignments.push_back({true, path(), {}});
      } while (accept(","));
    } else {
      break;
    }
  }
  if (s.assignments.empty()) {
    unexpected();
  }
  s.where = where_clause();
  if (accept_word("RETURNING")) {
    s.returning = returning();
  }
  if (s.index) {
    throw errors::validation("This operation is not supported on an index");
  }
  return s;
}

Assignment Parser::assignment() {
  if (!at_name()) {
    unexpected();
  }
  Assignment a;
  a.path = path();
  if (!accept("=")) {
    unexpected();
  }
  require_operand();
  a.value = sum();
  return a;
}

Statement Parser::remove() {
  Statement s;
  s.kind = Statement::Kind::Delete;
  expect_word("DELETE");
  expect_word("FROM");
  if (!at_name()) {
    throw malformed("Expected identifier for simple path");
  }
  source(s);
  no_alias();
  s.where = where_clause();
  if (accept_word("RETURNING")) {
    s.returning = returning();
    if (s.returning != "ALL_OLD") {
      throw errors::validation("Invalid returning clause: RETURNING " +
                               returning_text(s.returning) +
                               ". Only RETURNING ALL OLD * is allowed in DELETE statements.");
    }
  }
  if (s.index) {
    throw errors::validation("This operation is not supported on an index");
  }
  return s;
}

Node Parser::where_clause() {
  if (!accept_word("WHERE")) {
    if (at_end() || peek().is_word("RETURNING")) {
      throw errors::validation(kMissingKeyEquality);
    }
    throw malformed("Unexpected token after expression");
  }
  return condition();
}

std::string Parser::returning() {
  std::string which;
  if (accept_word("ALL")) {
    which = "ALL_";
  } else if (accept_word("MODIFIED")) {
    which = "UPDATED_";
  } else {
    unexpected();
  }
  if (accept_word("OLD")) {
    which += "OLD";
  } else if (accept_word("NEW")) {
    which += "NEW";
  } else {
    unexpected();
  }
  if (!accept("*")) {
    throw errors::validation(
        "Expected '*' after ( MODIFIED | ALL ) ( NEW | OLD ) in RETURNING clause");
  }
  if (peek().is(",")) {
    throw errors::validation("Invalid syntax with multiple returning elements in RETURNING clause");
  }
  return which;
}

Statement Parser::exists() {
  expect_word("EXISTS");
  expect("(");
  Statement s = select();
  expect(")");
  s.kind = Statement::Kind::Exists;
  return s;
}

}  // namespace preflight::dynamodb::partiql
