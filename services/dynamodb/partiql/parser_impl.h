#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "emulator/common/json.h"
#include "services/dynamodb/partiql/ast.h"
#include "services/dynamodb/partiql/lexer.h"

// The recursive-descent parser behind parse(): statements in parse_statement.cpp, conditions
// and operands in parse_expression.cpp, literals and parameters in parse_literal.cpp.
namespace preflight::dynamodb::partiql {

class Parser {
 public:
  Parser(std::string_view text, const Json* parameters)
      : tokens_(tokenize(text)), parameters_(parameters) {}

  Statement statement();

 private:
  // ---- statements (parse_statement.cpp) ----
  Statement select();
  Statement insert();
  Statement update();
  Statement remove();
  Statement exists();
  void source(Statement& s);
  void no_alias();
  std::vector<Path> projection();
  std::vector<OrderKey> order_by();
  std::string returning();
  Node where_clause();
  Assignment assignment();

  // ---- conditions and operands (parse_expression.cpp) ----
  Node condition();  // OR / AND / NOT / predicates
  Node sum();        // a term, or term + term / term - term (SET values)
  Path path();
  Node conjunction();
  Node negation();
  Node predicate();
  Node is_type(Node left);
  Node primary();
  Node call(std::string name);
  std::vector<Node> in_list();

  // ---- literals and parameters (parse_literal.cpp) ----
  Node parameter();
  Json literal(const std::string& at);  // a literal value; `at` names it in number errors
  Json bag(const std::string& at);
  Json map(const std::string& at);

  // ---- tokens (parse_expression.cpp) ----
  const Token& peek(std::size_t ahead = 0) const;
  const Token& advance() { return tokens_[pos_++]; }
  bool accept(std::string_view symbol);
  bool accept_word(std::string_view upper);
  void expect(std::string_view symbol);
  void expect_word(std::string_view upper);
  // A bare name (a Word that is not a keyword) or a "quoted" one.
  bool at_name() const;
  std::string name();
  // The error for an unexpected token where a term should start: "Unexpected term" at the end,
  // "Unexpected keyword", "Unexpected operator", else "Unexpected token".
  [[noreturn]] void unexpected() const;
  // After an infix operator: "Missing right-hand side expression of infix operator" at the end.
  void require_operand() const;
  bool at_end() const;

  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  const Json* parameters_;
  std::size_t next_parameter_ = 0;
};

}  // namespace preflight::dynamodb::partiql
