#include "services/dynamodb/expression/check.h"
#include "services/dynamodb/expression/evaluate.h"
#include "services/dynamodb/expression/expression.h"
#include "services/dynamodb/expression/parser.h"

namespace preflight::dynamodb::expr {
namespace {

void collect_paths(const Operand& operand, std::vector<Path>& out) {
  if (operand.kind == Operand::Kind::Path) {
    out.push_back(operand.path);
  }
  for (const Operand& arg : operand.args) {
    collect_paths(arg, out);
  }
}

void collect_paths(const ConditionNode& node, std::vector<Path>& out) {
  for (const Operand& operand : node.operands) {
    collect_paths(operand, out);
  }
  for (const ConditionNode& child : node.children) {
    collect_paths(child, out);
  }
}

}  // namespace

std::vector<Path> Condition::paths() const {
  std::vector<Path> out;
  collect_paths(root, out);
  return out;
}

Condition parse_condition(std::string_view text, Placeholders& placeholders,
                          std::string_view kind) {
  check_expression_text(text, kind);
  Condition condition{parse_condition_syntax(text, kind)};
  walk_condition(condition.root, kind);
  Validator(placeholders, kind).condition(condition.root);
  return condition;
}

bool evaluate(const Condition& condition, const Json& item) {
  return evaluate_node(condition.root, item);
}

}  // namespace preflight::dynamodb::expr
