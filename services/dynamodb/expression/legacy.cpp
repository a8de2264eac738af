#include "services/dynamodb/expression/legacy.h"

#include <array>

#include "services/dynamodb/expression/value_ops.h"
#include "services/dynamodb/model/attribute_value.h"
#include "services/dynamodb/model/errors.h"

namespace preflight::dynamodb::expr {
namespace {

struct OpInfo {
  std::string_view name;
  std::size_t min_args;
  std::size_t max_args;
  TypeMask types;
};

constexpr std::size_t kMany = static_cast<std::size_t>(-1);
constexpr std::array<OpInfo, 13> kOps = {{
    {"EQ", 1, 1, kAllTypes},
    {"NE", 1, 1, kAllTypes},
    {"LE", 1, 1, kOrderedTypes},
    {"LT", 1, 1, kOrderedTypes},
    {"GE", 1, 1, kOrderedTypes},
    {"GT", 1, 1, kOrderedTypes},
    {"NOT_NULL", 0, 0, kAllTypes},
    {"NULL", 0, 0, kAllTypes},
    {"CONTAINS", 1, 1, kOrderedTypes},
    {"NOT_CONTAINS", 1, 1, kOrderedTypes},
    {"BEGINS_WITH", 1, 1, kStringBinary},
    {"IN", 1, kMany, kOrderedTypes},
    {"BETWEEN", 2, 2, kOrderedTypes},
}};

const OpInfo& info(LegacyOp op) {
  return kOps[static_cast<std::size_t>(op)];
}

core::AwsError invalid_parameter(const std::string& message) {
  return errors::validation("One or more parameter values were invalid: " + message);
}

Operand attribute_path(const std::string& attribute) {
  return Operand::of_path(Path{PathElement::key(attribute)});
}

ConditionNode call_node(std::string function, std::vector<Operand> args) {
  ConditionNode node;
  node.kind = ConditionNode::Kind::Call;
  node.operands.push_back(Operand::call(std::move(function), std::move(args)));
  return node;
}

}  // namespace

std::string shape_error(const std::string& value, std::string_view at,
                        std::string_view constraint) {
  return "1 validation error detected: Value " + value + " at '" + std::string(at) +
         "' failed to satisfy constraint: " + std::string(constraint);
}

LegacyOp legacy_op(const Json& name, std::string_view at) {
  const std::string where = std::string(at) + ".comparisonOperator";
  if (name.is_null()) {
    throw errors::validation(shape_error("null", where, "Member must not be null"));
  }
  const std::string text = name.is_string() ? name.get<std::string>() : name.dump();
  for (std::size_t i = 0; i < kOps.size(); ++i) {
    if (kOps[i].name == text) {
      return static_cast<LegacyOp>(i);
    }
  }
  throw errors::validation(shape_error(
      "'" + text + "'", where,
      "Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, "
      "NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]"));
}

std::string_view legacy_op_name(LegacyOp op) {
  return info(op).name;
}

void check_legacy_arguments(LegacyOp op, std::vector<Json>& values) {
  for (Json& value : values) {
    validate_value(value);
  }
  const OpInfo& i = info(op);
  if (values.size() < i.min_args || values.size() > i.max_args) {
    throw invalid_parameter("Invalid number of argument(s) for the " + std::string(i.name) +
                            " ComparisonOperator");
  }
  for (const Json& value : values) {
    if (value_type(value) != value_type(values.front())) {
      throw invalid_parameter("AttributeValues inside AttributeValueList must be of same type");
    }
  }
  for (const Json& value : values) {
    if ((type_bit(value_type(value)) & i.types) == 0) {
      throw invalid_parameter("ComparisonOperator " + std::string(i.name) + " is not valid for " +
                              std::string(type_name(value_type(value))) + " AttributeValue type");
    }
  }
  if (op == LegacyOp::BETWEEN && compare(values[0], values[1]).value_or(0) > 0) {
    throw errors::validation(
        "The BETWEEN condition was provided a range where the lower bound is greater than the "
        "upper bound");
  }
}

ConditionNode legacy_node(const std::string& attribute, LegacyOp op,
                          const std::vector<Json>& values) {
  ConditionNode node;
  node.operands.push_back(attribute_path(attribute));
  for (const Json& value : values) {
    node.operands.push_back(Operand::constant(value));
  }
  switch (op) {
    case LegacyOp::EQ:
    case LegacyOp::NE:
    case LegacyOp::LE:
    case LegacyOp::LT:
    case LegacyOp::GE:
    case LegacyOp::GT: {
      constexpr std::array<Comparator, 6> kComparators = {Comparator::Eq, Comparator::Ne,
                                                          Comparator::Le, Comparator::Lt,
                                                          Comparator::Ge, Comparator::Gt};
      node.kind = ConditionNode::Kind::Compare;
      node.op = kComparators[static_cast<std::size_t>(op)];
      return node;
    }
    case LegacyOp::NOT_NULL:
      return call_node("attribute_exists", {attribute_path(attribute)});
    case LegacyOp::NUL:
      return call_node("attribute_not_exists", {attribute_path(attribute)});
    case LegacyOp::CONTAINS:
      return call_node("contains", std::move(node.operands));
    case LegacyOp::NOT_CONTAINS: {
      // A missing attribute neither contains nor "not contains" anything.
      ConditionNode negated;
      negated.kind = ConditionNode::Kind::Not;
      negated.children.push_back(call_node("contains", std::move(node.operands)));
      ConditionNode both;
      both.kind = ConditionNode::Kind::And;
      both.children.push_back(call_node("attribute_exists", {attribute_path(attribute)}));
      both.children.push_back(std::move(negated));
      return both;
    }
    case LegacyOp::BEGINS_WITH:
      return call_node("begins_with", std::move(node.operands));
    case LegacyOp::IN:
      node.kind = ConditionNode::Kind::In;
      return node;
    case LegacyOp::BETWEEN:
      node.kind = ConditionNode::Kind::Between;
      return node;
  }
  return node;
}

ConditionNode::Kind conditional_operator(const Json* op, std::size_t conditions) {
  if (op == nullptr || op->is_null()) {
    return ConditionNode::Kind::And;
  }
  const std::string text = op->is_string() ? op->get<std::string>() : op->dump();
  if (text != "AND" && text != "OR") {
    throw errors::validation(shape_error("'" + text + "'", "conditionalOperator",
                                         "Member must satisfy enum value set: [OR, AND]"));
  }
  if (conditions == 0) {
    throw errors::validation("ConditionalOperator cannot be used without Filter or Expected");
  }
  if (conditions == 1) {
    throw errors::validation(
        "ConditionalOperator can only be used when Filter or Expected has two or more elements");
  }
  return text == "OR" ? ConditionNode::Kind::Or : ConditionNode::Kind::And;
}

}  // namespace preflight::dynamodb::expr
