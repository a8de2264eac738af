#pragma once

#include <string>
#include <string_view>

#include "services/dynamodb/expression/ast.h"
#include "services/dynamodb/expression/placeholders.h"

// The checks DynamoDB makes once an expression has parsed, in the order it makes them:
// first a walk in source order (function names and where they are used, reserved words, list
// indexes), then a validation from the leaves up that resolves #names and :values and checks
// each operator (operand count and types, distinct operands, BETWEEN bounds, IN size, the
// 300-operator limit). Every error reads "Invalid <kind>: ...".
namespace preflight::dynamodb::expr {

enum class FunctionContext { Condition, Update };

inline constexpr std::size_t kMaxExpressionBytes = 4096;
inline constexpr std::size_t kMaxPathDepth = 32;
inline constexpr int kMaxOperators = 300;
inline constexpr std::size_t kMaxInOperands = 100;

// "The expression can not be empty;" / "Expression size has exceeded the maximum allowed size".
void check_expression_text(std::string_view text, std::string_view kind);

void walk_condition(const ConditionNode& node, std::string_view kind);
// `nesting` counts the operators and functions around the operand, as DynamoDB's walker does.
void walk_operand(const Operand& operand, FunctionContext context, int nesting,
                  std::string_view kind);
void walk_path(const Path& path, std::string_view kind);

class Validator {
 public:
  Validator(Placeholders& placeholders, std::string_view kind)
      : placeholders_(placeholders), kind_(kind) {}

  void condition(ConditionNode& node);
  void operand(Operand& operand);
  // The nesting limit, then #names resolved in place.
  void path(Path& path);
  // A SET value `left + right` / `left - right`.
  void arithmetic(char op, Operand& left, Operand& right);

  [[noreturn]] void fail(const std::string& message) const;
  const std::string& kind() const { return kind_; }

 private:
  void call(Operand& call);
  void check_operator(std::string_view name, const std::vector<Operand>& operands);
  void count_operator();

  Placeholders& placeholders_;
  std::string kind_;
  int operators_ = 0;
};

}  // namespace preflight::dynamodb::expr
