#include <map>

#include "services/dynamodb/expression/evaluate.h"
#include "services/dynamodb/expression/expression.h"
#include "services/dynamodb/expression/path_tree.h"
#include "services/dynamodb/expression/value_ops.h"
#include "services/dynamodb/model/errors.h"
#include "services/dynamodb/model/number.h"

// Applying an update the way DynamoDB does: the action paths form a tree that is walked against
// the old item, every value is computed from the old item, and each list is rebuilt from its old
// elements by index, so indexes always mean positions in the list before the update.
namespace preflight::dynamodb::expr {
namespace {

core::AwsError invalid_path() {
  return errors::validation(
      "The document path provided in the update expression is invalid for update");
}
core::AwsError missing_attribute() {
  return errors::validation(
      "The provided expression refers to an attribute that does not exist in the item");
}
core::AwsError wrong_type(bool legacy) {
  return errors::validation(legacy
                                ? "Type mismatch for attribute to update"
                                : "An operand in the update expression has an incorrect data type");
}

class Applier {
 public:
  Applier(const Update& update, const Json& old_item, bool item_exists)
      : update_(update), old_(old_item), item_exists_(item_exists) {}

  Json run(const PathTree::Node& root) { return rebuild(root, old_, false); }

 private:
  // The new content of a container (an item or a map's members: an object; a list: an array).
  Json rebuild(const PathTree::Node& node, const Json& container, bool is_list) {
    std::map<PathElement, Json> result;
    for (const auto& [element, child] : node.children) {
      if (element.is_index != is_list) {
        throw invalid_path();
      }
      const Json* existing = lookup(container, element);
      std::optional<Json> value;
      if (child.leaf >= 0) {
        value = action_result(update_.actions[static_cast<std::size_t>(child.leaf)], existing);
      } else if (existing != nullptr) {
        value = rebuild_nested(child, *existing);
      } else if (!item_exists_ && only_removes(child)) {
        continue;  // DynamoDB ignores REMOVE of a nested path when the item is new
      } else {
        throw invalid_path();
      }
      if (value) {
        result.emplace(element, std::move(*value));
      }
    }
    if (is_list) {
      for (std::size_t i = 0; i < container.size(); ++i) {
        if (!node.children.contains(PathElement::list_index(i))) {
          result.emplace(PathElement::list_index(i), container[i]);
        }
      }
      Json list = Json::array();
      for (auto& [element, value] : result) {
        list.push_back(std::move(value));
      }
      return list;
    }
    Json object = container;
    for (const auto& [element, child] : node.children) {
      object.erase(element.name);
    }
    for (auto& [element, value] : result) {
      object[element.name] = std::move(value);
    }
    return object;
  }

  Json rebuild_nested(const PathTree::Node& node, const Json& value) {
    if (value.contains("M")) {
      return Json{{"M", rebuild(node, value["M"], false)}};
    }
    if (value.contains("L")) {
      return Json{{"L", rebuild(node, value["L"], true)}};
    }
    throw invalid_path();
  }

  static const Json* lookup(const Json& container, const PathElement& element) {
    if (element.is_index) {
      return element.index < container.size() ? &container[element.index] : nullptr;
    }
    const auto it = container.find(element.name);
    return it == container.end() ? nullptr : &*it;
  }

  bool only_removes(const PathTree::Node& node) const {
    if (node.leaf >= 0) {
      return update_.actions[static_cast<std::size_t>(node.leaf)].kind ==
             UpdateAction::Kind::Remove;
    }
    for (const auto& [element, child] : node.children) {
      if (!only_removes(child)) {
        return false;
      }
    }
    return true;
  }

  std::optional<Json> action_result(const UpdateAction& action, const Json* existing) {
    switch (action.kind) {
      case UpdateAction::Kind::Remove:
        return std::nullopt;
      case UpdateAction::Kind::Set:
        return set_value(action);
      case UpdateAction::Kind::Add:
        return add(action, existing);
      case UpdateAction::Kind::Delete:
        if (existing == nullptr) {
          return std::nullopt;
        }
        if (value_type(*existing) != value_type(action.left.value)) {
          throw wrong_type(action.legacy);
        }
        return set_difference(*existing, action.left.value);
    }
    return std::nullopt;
  }

  Json add(const UpdateAction& action, const Json* existing) {
    const Json& value = action.left.value;
    if (existing == nullptr) {
      return value;
    }
    const Type type = value_type(value);
    if (value_type(*existing) != type) {
      throw wrong_type(action.legacy);
    }
    if (type == Type::N) {
      return number(Number::parse((*existing)["N"].get<std::string>()) +
                    Number::parse(value["N"].get<std::string>()));
    }
    if (type == Type::L) {  // only AttributeUpdates appends lists
      Json list = *existing;
      for (const Json& element : value["L"]) {
        list["L"].push_back(element);
      }
      return list;
    }
    return set_union(*existing, value);
  }

  Json set_value(const UpdateAction& action) {
    if (!action.right) {
      return required(evaluate(action.left));
    }
    const std::optional<Json> left = evaluate(action.left);
    const std::optional<Json> right = evaluate(*action.right);
    const Number a = to_number(left);
    const Number b = to_number(right);
    return number(action.arithmetic == '+' ? a + b : a - b);
  }

  // Operands are checked in order, each for presence then type, as DynamoDB checks them.
  static Number to_number(const std::optional<Json>& value) {
    if (!value) {
      throw missing_attribute();
    }
    if (value_type(*value) != Type::N) {
      throw wrong_type(false);
    }
    return Number::parse((*value)["N"].get<std::string>());
  }

  static Json number(const Number& n) { return Json{{"N", n.to_string()}}; }

  static Json required(std::optional<Json> value) {
    if (!value) {
      throw missing_attribute();
    }
    return std::move(*value);
  }

  std::optional<Json> evaluate(const Operand& operand) const {
    switch (operand.kind) {
      case Operand::Kind::Value:
        return operand.value;
      case Operand::Kind::Path: {
        const Json* found = find_path(old_, operand.path);
        return found ? std::optional<Json>(*found) : std::nullopt;
      }
      case Operand::Kind::Call:
        break;
    }
    if (operand.function == "if_not_exists") {
      if (const Json* found = find_path(old_, operand.args[0].path)) {
        return *found;
      }
      return evaluate(operand.args[1]);
    }
    Json joined = Json{{"L", Json::array()}};  // list_append
    for (const Operand& arg : operand.args) {
      const Json list = required(evaluate(arg));
      if (value_type(list) != Type::L) {
        throw wrong_type(false);
      }
      for (const Json& element : list["L"]) {
        joined["L"].push_back(element);
      }
    }
    return joined;
  }

  const Update& update_;
  const Json& old_;
  bool item_exists_;
};

}  // namespace

void apply_update(const Update& update, Json& item, bool item_exists) {
  PathTree tree;
  for (std::size_t i = 0; i < update.actions.size(); ++i) {
    tree.add(update.actions[i].path, static_cast<int>(i), "UpdateExpression");
  }
  const Json old_item = item.is_object() ? item : Json::object();
  item = Applier(update, old_item, item_exists).run(tree.root());
}

}  // namespace preflight::dynamodb::expr
