#include "services/dynamodb/expression/evaluate.h"

#include <algorithm>

#include "services/dynamodb/expression/value_ops.h"
#include "services/dynamodb/model/attribute_value.h"

namespace preflight::dynamodb::expr {
namespace {

bool compare_holds(Comparator op, const Json* a, const Json* b) {
  if (op == Comparator::Ne) {
    return a == nullptr || b == nullptr || !equals(*a, *b);
  }
  if (a == nullptr || b == nullptr) {
    return false;
  }
  if (op == Comparator::Eq) {
    return equals(*a, *b);
  }
  const std::optional<int> order = compare(*a, *b);
  if (!order) {
    return false;  // values of different or unordered types never compare
  }
  switch (op) {
    case Comparator::Lt:
      return *order < 0;
    case Comparator::Le:
      return *order <= 0;
    case Comparator::Gt:
      return *order > 0;
    case Comparator::Ge:
      return *order >= 0;
    default:
      return false;
  }
}

bool call_holds(const Operand& call, const Json& item) {
  const std::string& name = call.function;
  Json scratch_a;
  Json scratch_b;
  const Json* a = evaluate_operand(call.args[0], item, scratch_a);
  if (name == "attribute_exists") {
    return a != nullptr;
  }
  if (name == "attribute_not_exists") {
    return a == nullptr;
  }
  const Json* b = evaluate_operand(call.args[1], item, scratch_b);
  if (a == nullptr || b == nullptr) {
    return false;
  }
  if (name == "attribute_type") {
    return value_type(*b) == Type::S &&
           type_name(value_type(*a)) == (*b)["S"].get_ref<const std::string&>();
  }
  if (name == "begins_with") {
    return begins_with(*a, *b);
  }
  return name == "contains" && contains_value(*a, *b);
}

}  // namespace

const Json* find_path(const Json& item, const Path& path) {
  if (path.empty() || path.front().is_index || !item.is_object()) {
    return nullptr;
  }
  const auto top = item.find(path.front().name);
  if (top == item.end()) {
    return nullptr;
  }
  const Json* current = &*top;
  for (std::size_t i = 1; i < path.size(); ++i) {
    const PathElement& step = path[i];
    if (step.is_index) {
      const auto list = current->find("L");
      if (list == current->end() || step.index >= list->size()) {
        return nullptr;
      }
      current = &(*list)[step.index];
    } else {
      const auto map = current->find("M");
      if (map == current->end()) {
        return nullptr;
      }
      const auto member = map->find(step.name);
      if (member == map->end()) {
        return nullptr;
      }
      current = &*member;
    }
  }
  return current;
}

const Json* evaluate_operand(const Operand& operand, const Json& item, Json& scratch) {
  switch (operand.kind) {
    case Operand::Kind::Value:
      return &operand.value;
    case Operand::Kind::Path:
      return find_path(item, operand.path);
    case Operand::Kind::Call: {
      // size() is the only function a condition reads a value from.
      Json inner_scratch;
      const Json* value = evaluate_operand(operand.args.front(), item, inner_scratch);
      const std::optional<std::size_t> size = value ? size_of(*value) : std::nullopt;
      if (!size) {
        return nullptr;
      }
      scratch = Json{{"N", std::to_string(*size)}};
      return &scratch;
    }
  }
  return nullptr;
}

bool evaluate_node(const ConditionNode& node, const Json& item) {
  switch (node.kind) {
    case ConditionNode::Kind::And:
      return std::all_of(node.children.begin(), node.children.end(),
                         [&](const ConditionNode& child) { return evaluate_node(child, item); });
    case ConditionNode::Kind::Or:
      return std::any_of(node.children.begin(), node.children.end(),
                         [&](const ConditionNode& child) { return evaluate_node(child, item); });
    case ConditionNode::Kind::Not:
      return !evaluate_node(node.children.front(), item);
    case ConditionNode::Kind::Call:
      return call_holds(node.operands.front(), item);
    case ConditionNode::Kind::Compare: {
      Json scratch_a;
      Json scratch_b;
      return compare_holds(node.op, evaluate_operand(node.operands[0], item, scratch_a),
                           evaluate_operand(node.operands[1], item, scratch_b));
    }
    case ConditionNode::Kind::Between: {
      Json scratch[3];
      const Json* value = evaluate_operand(node.operands[0], item, scratch[0]);
      const Json* low = evaluate_operand(node.operands[1], item, scratch[1]);
      const Json* high = evaluate_operand(node.operands[2], item, scratch[2]);
      return compare_holds(Comparator::Ge, value, low) &&
             compare_holds(Comparator::Le, value, high);
    }
    case ConditionNode::Kind::In: {
      Json scratch;
      const Json* value = evaluate_operand(node.operands[0], item, scratch);
      for (std::size_t i = 1; value != nullptr && i < node.operands.size(); ++i) {
        Json candidate_scratch;
        if (compare_holds(Comparator::Eq, value,
                          evaluate_operand(node.operands[i], item, candidate_scratch))) {
          return true;
        }
      }
      return false;
    }
  }
  return false;
}

}  // namespace preflight::dynamodb::expr
