#include <algorithm>
#include <map>

#include "services/dynamodb/expression/evaluate.h"
#include "services/dynamodb/expression/expression.h"
#include "services/dynamodb/expression/legacy.h"
#include "services/dynamodb/expression/value_ops.h"
#include "services/dynamodb/model/errors.h"

// Key conditions: a KeyConditionExpression or legacy KeyConditions reduced to "partition key
// equals a value" plus at most one sort-key range, checked against the key schema.
namespace preflight::dynamodb::expr {
namespace {

using Op = SortKeyCondition::Op;

struct KeyTerm {
  std::string attribute;
  Op op = Op::Eq;
  std::vector<Json> values;
};

[[noreturn]] void invalid_condition(const std::string& detail) {
  throw errors::validation("Invalid condition in KeyConditionExpression: " + detail);
}

std::string operator_name(const ConditionNode& node) {
  switch (node.kind) {
    case ConditionNode::Kind::Or:
      return "OR";
    case ConditionNode::Kind::Not:
      return "NOT";
    case ConditionNode::Kind::In:
      return "IN";
    case ConditionNode::Kind::Between:
      return "BETWEEN";
    case ConditionNode::Kind::Call:
      return node.operands.front().function;
    default:
      return std::string(comparator_symbol(node.op));
  }
}

std::optional<Op> key_op(const ConditionNode& node) {
  switch (node.kind) {
    case ConditionNode::Kind::Compare: {
      constexpr Op kOps[] = {Op::Eq, Op::Eq, Op::Lt, Op::Le, Op::Gt, Op::Ge};
      return node.op == Comparator::Ne ? std::nullopt
                                       : std::optional<Op>(kOps[static_cast<int>(node.op)]);
    }
    case ConditionNode::Kind::Between:
      return Op::Between;
    case ConditionNode::Kind::Call:
      if (node.operands.front().function == "begins_with") {
        return Op::BeginsWith;
      }
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

Op inverse(Op op) {
  switch (op) {
    case Op::Lt:
      return Op::Gt;
    case Op::Gt:
      return Op::Lt;
    case Op::Le:
      return Op::Ge;
    case Op::Ge:
      return Op::Le;
    default:
      return op;
  }
}

// Walks the AND tree the way DynamoDB extracts key conditions from it.
void extract(const ConditionNode& node, std::vector<KeyTerm>& terms) {
  if (node.kind == ConditionNode::Kind::And) {
    for (const ConditionNode& child : node.children) {
      extract(child, terms);
    }
    return;
  }
  const std::optional<Op> op = key_op(node);
  if (!op) {
    throw errors::validation("Invalid operator used in KeyConditionExpression: " +
                             operator_name(node));
  }
  const std::vector<Operand>& operands =
      node.kind == ConditionNode::Kind::Call ? node.operands.front().args : node.operands;
  KeyTerm term;
  term.op = *op;
  bool named = false;
  for (const Operand& operand : operands) {
    if (operand.kind == Operand::Kind::Path) {
      if (named) {
        invalid_condition("Multiple attribute names used in one condition");
      }
      if (operand.path.size() > 1) {
        throw errors::validation(
            "KeyConditionExpressions cannot have conditions on nested attributes");
      }
      term.attribute = operand.path.front().name;
      named = true;
    } else if (operand.kind == Operand::Kind::Value) {
      if (!named) {
        if (term.op == Op::Between || term.op == Op::BeginsWith) {
          invalid_condition(operator_name(node) +
                            " operator must have the key attribute as its first operand");
        }
        term.op = inverse(term.op);
      }
      term.values.push_back(operand.value);
    } else {
      throw errors::validation("KeyConditionExpressions cannot contain nested operations");
    }
  }
  if (!named) {
    invalid_condition("No key attribute specified");
  }
  for (const KeyTerm& other : terms) {
    if (other.attribute == term.attribute) {
      throw errors::validation("KeyConditionExpressions must only contain one condition per key");
    }
  }
  terms.push_back(std::move(term));
}

KeyCondition against_schema(std::vector<KeyTerm> terms, const std::string& partition_key,
                            const std::optional<std::string>& sort_key) {
  if (terms.empty() || terms.size() > 2) {
    throw errors::validation("Conditions can be of length 1 or 2 only");
  }
  const auto unsupported = [] { return errors::validation("Query key condition not supported"); };
  if (terms.size() == 2 && !sort_key) {
    throw unsupported();
  }
  auto partition = std::find_if(terms.begin(), terms.end(),
                                [&](const KeyTerm& t) { return t.attribute == partition_key; });
  if (partition == terms.end()) {
    throw errors::validation("Query condition missed key schema element: " + partition_key);
  }
  KeyCondition result;
  if (terms.size() == 2) {
    const KeyTerm& sort = terms[partition == terms.begin() ? 1 : 0];
    if (sort.attribute != *sort_key) {
      throw errors::validation("Query condition missed key schema element: " + *sort_key);
    }
    result.sort_key = sort.attribute;
    result.sort = SortKeyCondition{sort.op, sort.values.front(),
                                   sort.values.size() > 1 ? sort.values[1] : Json()};
  }
  if (partition->op != Op::Eq) {
    throw unsupported();
  }
  result.partition_key = partition_key;
  result.partition_value = partition->values.front();
  return result;
}

}  // namespace

KeyCondition parse_key_condition(std::string_view text, Placeholders& placeholders,
                                 const std::string& partition_key,
                                 const std::optional<std::string>& sort_key) {
  const Condition condition = parse_condition(text, placeholders, "KeyConditionExpression");
  std::vector<KeyTerm> terms;
  extract(condition.root, terms);
  return against_schema(std::move(terms), partition_key, sort_key);
}

KeyCondition key_conditions(const Json& conditions, const std::string& partition_key,
                            const std::optional<std::string>& sort_key) {
  if (!conditions.is_object()) {
    throw errors::serialization("Expected map or null");
  }
  std::vector<std::pair<LegacyOp, KeyTerm>> parsed;
  for (const auto& [attribute, entry] : conditions.items()) {
    if (!entry.is_object()) {
      throw errors::validation("The filter condition for an attribute cannot be null: " +
                               attribute);
    }
    const auto op_it = entry.find("ComparisonOperator");
    const LegacyOp op =
        legacy_op(op_it == entry.end() ? Json() : *op_it, "keyConditions." + attribute + ".member");
    KeyTerm term;
    term.attribute = attribute;
    if (const auto list = entry.find("AttributeValueList");
        list != entry.end() && list->is_array()) {
      term.values.assign(list->begin(), list->end());
    }
    check_legacy_arguments(op, term.values);
    parsed.emplace_back(op, std::move(term));
  }
  if (parsed.empty() || parsed.size() > 2) {
    throw errors::validation("Conditions can be of length 1 or 2 only");
  }
  const std::map<LegacyOp, Op> indexable = {{LegacyOp::EQ, Op::Eq},
                                            {LegacyOp::LT, Op::Lt},
                                            {LegacyOp::LE, Op::Le},
                                            {LegacyOp::GT, Op::Gt},
                                            {LegacyOp::GE, Op::Ge},
                                            {LegacyOp::BETWEEN, Op::Between},
                                            {LegacyOp::BEGINS_WITH, Op::BeginsWith}};
  std::vector<KeyTerm> terms;
  for (auto& [op, term] : parsed) {
    const auto it = indexable.find(op);
    if (it == indexable.end()) {
      throw errors::validation("Attempted conditional constraint is not an indexable operation");
    }
    term.op = it->second;
    terms.push_back(std::move(term));
  }
  return against_schema(std::move(terms), partition_key, sort_key);
}

bool matches(const SortKeyCondition& condition, const Json& value) {
  const std::optional<int> order = compare(value, condition.value);
  switch (condition.op) {
    case Op::Eq:
      return equals(value, condition.value);
    case Op::Lt:
      return order && *order < 0;
    case Op::Le:
      return order && *order <= 0;
    case Op::Gt:
      return order && *order > 0;
    case Op::Ge:
      return order && *order >= 0;
    case Op::Between: {
      const std::optional<int> upper = compare(value, condition.upper);
      return order && upper && *order >= 0 && *upper <= 0;
    }
    case Op::BeginsWith:
      return begins_with(value, condition.value);
  }
  return false;
}

void check_key_types(const KeyCondition& condition, std::string_view partition_type,
                     std::optional<std::string_view> sort_type) {
  const auto check = [](const Json& value, std::string_view type) {
    if (!value.is_null() && type_name(value_type(value)) != type) {
      throw errors::validation(
          "One or more parameter values were invalid: Condition parameter type does not match "
          "schema type");
    }
  };
  check(condition.partition_value, partition_type);
  if (condition.sort && sort_type) {
    check(condition.sort->value, *sort_type);
    check(condition.sort->upper, *sort_type);
  }
}

}  // namespace preflight::dynamodb::expr
