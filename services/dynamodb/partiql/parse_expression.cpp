#include <algorithm>
#include <cctype>
#include <climits>

#include "emulator/common/strings.h"
#include "services/dynamodb/model/errors.h"
#include "services/dynamodb/partiql/parser_impl.h"

// Conditions (OR / AND / NOT, comparisons, BETWEEN, IN, IS), operands and paths.
namespace preflight::dynamodb::partiql {
namespace {

bool is_comparison(const Token& t) {
  return t.kind == TokenKind::Symbol && (t.text == "=" || t.text == "<>" || t.text == "<" ||
                                         t.text == "<=" || t.text == ">" || t.text == ">=");
}

// The DynamoDB type an IS test names, or "" when PartiQL knows the type but DynamoDB has none.
std::optional<std::string> is_type_name(const std::string& upper) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {"MISSING", "MISSING"}, {"NULL", "NULL"}, {"BOOLEAN", "BOOL"}, {"BOOL", "BOOL"},
      {"STRING", "S"},        {"NUMERIC", "N"}, {"BLOB", "B"},       {"STRUCT", "M"},
      {"TUPLE", "M"},         {"LIST", "L"}};
  for (const auto& [word, type] : kTypes) {
    if (upper == word) {
      return type;
    }
  }
  static const char* kOtherTypes[] = {"INT",       "INTEGER",  "INT2",     "INT4",    "INT8",
                                      "INTEGER2",  "INTEGER4", "INTEGER8", "BIGINT",  "SMALLINT",
                                      "FLOAT",     "REAL",     "DOUBLE",   "DECIMAL", "DEC",
                                      "TIMESTAMP", "DATE",     "TIME",     "CHAR",    "CHARACTER",
                                      "VARCHAR",   "SYMBOL",   "CLOB",     "SEXP",    "BAG"};
  for (const char* word : kOtherTypes) {
    if (upper == word) {
      return std::string();
    }
  }
  return std::nullopt;
}

}  // namespace

// ---- tokens ----

const Token& Parser::peek(std::size_t ahead) const {
  return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
}

bool Parser::accept(std::string_view symbol) {
  if (!peek().is(symbol)) {
    return false;
  }
  ++pos_;
  return true;
}

bool Parser::accept_word(std::string_view upper) {
  if (!peek().is_word(upper)) {
    return false;
  }
  ++pos_;
  return true;
}

void Parser::expect(std::string_view symbol) {
  if (!accept(symbol)) {
    unexpected();
  }
}

void Parser::expect_word(std::string_view upper) {
  if (!accept_word(upper)) {
    unexpected();
  }
}

bool Parser::at_name() const {
  const Token& t = peek();
  return t.kind == TokenKind::Quoted || (t.kind == TokenKind::Word && !t.is_keyword());
}

std::string Parser::name() {
  if (!at_name()) {
    unexpected();
  }
  return advance().text;
}

bool Parser::at_end() const {
  return peek().kind == TokenKind::End || peek().is(";");
}

void Parser::unexpected() const {
  const Token& t = peek();
  if (at_end() || t.is(")") || t.is("]") || t.is("}") || t.is(",") || t.is(">>")) {
    throw malformed("Unexpected term");
  }
  if (t.kind == TokenKind::Word && t.is_keyword()) {
    for (const char* op : {"AND", "OR", "IS", "IN", "BETWEEN", "LIKE"}) {
      if (t.is_word(op)) {
        throw malformed("Unexpected operator");
      }
    }
    throw malformed("Unexpected keyword");
  }
  if (is_comparison(t) || t.is("+") || t.is("-") || t.is("*") || t.is("/") || t.is("%") ||
      t.is("||")) {
    throw malformed("Unexpected operator");
  }
  throw malformed("Unexpected token");
}

void Parser::require_operand() const {
  if (at_end()) {
    throw malformed("Missing right-hand side expression of infix operator");
  }
}

// ---- conditions ----

Node Parser::condition() {
  Node left = conjunction();
  while (accept_word("OR")) {
    require_operand();
    Node right = conjunction();
    if (left.kind != Node::Kind::Or) {
      left = Node::op(Node::Kind::Or, "OR", {std::move(left)});
    }
    left.children.push_back(std::move(right));
  }
  return left;
}

Node Parser::conjunction() {
  Node left = negation();
  while (accept_word("AND")) {
    require_operand();
    Node right = negation();
    if (left.kind != Node::Kind::And) {
      left = Node::op(Node::Kind::And, "AND", {std::move(left)});
    }
    left.children.push_back(std::move(right));
  }
  return left;
}

Node Parser::negation() {
  if (accept_word("NOT")) {
    return Node::op(Node::Kind::Not, "NOT", {negation()});
  }
  return predicate();
}

Node Parser::predicate() {
  Node left = sum();
  if (is_comparison(peek())) {
    const std::string op = advance().text;
    require_operand();
    return Node::op(Node::Kind::Compare, op, {std::move(left), sum()});
  }
  bool negated = false;
  if (peek().is_word("NOT") && (peek(1).is_word("BETWEEN") || peek(1).is_word("IN"))) {
    advance();
    negated = true;
  }
  Node node;
  if (accept_word("BETWEEN")) {
    require_operand();
    Node low = sum();
    expect_word("AND");
    require_operand();
    node = Node::op(Node::Kind::Between, "BETWEEN", {std::move(left), std::move(low), sum()});
  } else if (accept_word("IN")) {
    std::vector<Node> operands{std::move(left)};
    for (auto& element : in_list()) {
      operands.push_back(std::move(element));
    }
    node = Node::op(Node::Kind::In, "IN", std::move(operands));
  } else if (accept_word("IS")) {
    return is_type(std::move(left));
  } else if (peek().is_word("LIKE")) {
    throw errors::validation("Unsupported operator in Condition Expression. Operator: LIKE");
  } else {
    return left;
  }
  return negated ? Node::op(Node::Kind::Not, "NOT", {std::move(node)}) : node;
}

Node Parser::is_type(Node left) {
  const bool negated = accept_word("NOT");
  const Token& t = peek();
  std::string upper;
  if (t.kind == TokenKind::Word) {
    for (const char c : t.text) {
      upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  const auto dynamo_type = upper.empty() ? std::nullopt : is_type_name(upper);
  if (!dynamo_type) {
    throw malformed("Expected type name");
  }
  if (dynamo_type->empty()) {
    throw errors::validation("Unsupported data type for IS operator: " + upper +
                             ". Supported data types are [MISSING, NULL, BOOLEAN, BLOB, STRING, "
                             "NUMERIC, STRUCT, TUPLE, LIST]");
  }
  advance();
  Node node = Node::op(Node::Kind::IsType, *dynamo_type, {std::move(left)});
  node.negated = negated;
  return node;
}

std::vector<Node> Parser::in_list() {
  std::string close;
  if (accept("[")) {
    close = "]";
  } else if (accept("(")) {
    close = ")";
  } else {
    require_operand();
    unexpected();
  }
  std::vector<Node> elements;
  if (peek().is(close)) {
    throw errors::validation(
        "IN operator must have a left hand argument of type Variable Reference and right hand "
        "argument of type Seq with at least one member");
  }
  do {
    elements.push_back(sum());
  } while (accept(","));
  expect(close);
  return elements;
}

// ---- operands ----

Node Parser::sum() {
  Node left = primary();
  while (peek().is("+") || peek().is("-")) {
    const std::string op = advance().text;
    require_operand();
    left = Node::op(Node::Kind::Arith, op, {std::move(left), primary()});
  }
  return left;
}

Node Parser::primary() {
  const Token& t = peek();
  if (accept("(")) {
    Node inner = condition();
    expect(")");
    return inner;
  }
  if (t.is("?")) {
    return parameter();
  }
  if (t.kind == TokenKind::String || t.kind == TokenKind::Number || t.is_word("TRUE") ||
      t.is_word("FALSE") || t.is_word("NULL") || t.is("{") || t.is("[") || t.is("<<") ||
      (t.is("-") && peek(1).kind == TokenKind::Number)) {
    return Node::of_value(literal("root"));
  }
  if (t.is_word("MISSING")) {
    advance();
    Node missing;
    missing.kind = Node::Kind::Missing;
    return missing;
  }
  if (t.kind == TokenKind::Word && peek(1).is("(")) {
    return call(to_lower(advance().text));
  }
  if (at_name()) {
    return Node::of_path(path());
  }
  unexpected();
}

Node Parser::call(std::string function) {
  expect("(");
  std::vector<Node> args;
  if (!accept(")")) {
    do {
      require_operand();
      args.push_back(condition());
    } while (accept(","));
    expect(")");
  }
  return Node::op(Node::Kind::Call, std::move(function), std::move(args));
}

Path Parser::path() {
  Path p{expr::PathElement::key(name())};
  while (true) {
    if (accept(".")) {
      if (accept("*")) {
        throw errors::validation("Unpivot path component like a.*.b are not supported");
      }
      if (peek().kind != TokenKind::Word && peek().kind != TokenKind::Quoted) {
        unexpected();
      }
      p.push_back(expr::PathElement::key(advance().text));
    } else if (accept("[")) {
      if (accept("*")) {
        throw errors::validation("Wildcard path component like a[*].b are not supported");
      }
      const Token& t = peek();
      if (t.kind == TokenKind::String) {
        p.push_back(expr::PathElement::key(advance().text));
      } else if (t.kind == TokenKind::Number && is_all_digits(t.text)) {
        if (t.text.size() > 10 || std::stoll(t.text) > INT_MAX) {
          throw errors::validation("List index is not within the allowable range; index: [" +
                                   t.text + "]");
        }
        p.push_back(expr::PathElement::list_index(std::stoul(advance().text)));
      } else {
        unexpected();
      }
      expect("]");
    } else {
      return p;
    }
  }
}

}  // namespace preflight::dynamodb::partiql
