#include "services/dynamodb/partiql/render.h"

#include "services/dynamodb/model/errors.h"

namespace preflight::dynamodb::partiql {
namespace {

[[noreturn]] void unsupported_condition(const std::string& op) {
  throw errors::validation("Unsupported operator in Condition Expression. Operator: " + op);
}

[[noreturn]] void missing_outside_is() {
  throw errors::validation("MISSING must be compared using IS operator");
}

}  // namespace

std::string wrapped(const Rendered& r, Rendered::Binding at_least) {
  return r.binding >= at_least ? r.text : "(" + r.text + ")";
}

std::string ExpressionBuilder::name(const std::string& attribute) {
  const auto it = names_.find(attribute);
  if (it != names_.end()) {
    return it->second;
  }
  std::string placeholder = "#n" + std::to_string(names_.size());
  names_.emplace(attribute, placeholder);
  name_map_[placeholder] = attribute;
  return placeholder;
}

std::string ExpressionBuilder::value(const Json& value) {
  std::string placeholder = ":v" + std::to_string(value_map_.size());
  value_map_[placeholder] = value;
  return placeholder;
}

std::string ExpressionBuilder::path(const Path& path) {
  std::string text;
  for (const auto& element : path) {
    if (element.is_index) {
      text += "[" + std::to_string(element.index) + "]";
    } else {
      text += (text.empty() ? "" : ".") + name(element.name);
    }
  }
  return text;
}

std::string ExpressionBuilder::operand(const Node& node) {
  switch (node.kind) {
    case Node::Kind::Path:
      return path(node.path);
    case Node::Kind::Value:
      return value(node.value);
    case Node::Kind::Missing:
      missing_outside_is();
    case Node::Kind::Call: {
      std::string text = node.name + "(";
      for (std::size_t i = 0; i < node.children.size(); ++i) {
        text += (i == 0 ? "" : ", ") + operand(node.children[i]);
      }
      return text + ")";
    }
    case Node::Kind::Arith:
      throw errors::validation("Unsupported operator in Condition Expression. Operator: " +
                               node.name);
    default:
      unsupported_condition(node.name);
  }
}

Rendered ExpressionBuilder::compound(const Node& node, const char* separator,
                                     Rendered::Binding binding) {
  Rendered out{"", binding};
  for (const auto& child : node.children) {
    out.text += (out.text.empty() ? "" : separator) + wrapped(condition(child), Rendered::Atom);
  }
  return out;
}

Rendered ExpressionBuilder::all_of(const std::vector<Rendered>& parts) {
  if (parts.size() == 1) {
    return parts.front();
  }
  Rendered out{"", Rendered::And};
  for (const auto& part : parts) {
    out.text += (out.text.empty() ? "" : " AND ") + wrapped(part, Rendered::Atom);
  }
  return out;
}

Rendered ExpressionBuilder::condition(const Node& node) {
  switch (node.kind) {
    case Node::Kind::Compare: {
      // Placeholders are numbered in source order, so operands render one statement at a time.
      const std::string left = operand(node.children[0]);
      return {left + " " + node.name + " " + operand(node.children[1])};
    }
    case Node::Kind::Between: {
      const std::string subject = operand(node.children[0]);
      const std::string low = operand(node.children[1]);
      return {subject + " BETWEEN " + low + " AND " + operand(node.children[2])};
    }
    case Node::Kind::In: {
      if (node.children.front().kind != Node::Kind::Path) {
        throw errors::validation(
            "IN operator must have a left hand argument of type Variable Reference and right "
            "hand argument of type Seq with at least one member");
      }
      std::string text = operand(node.children[0]) + " IN (";
      for (std::size_t i = 1; i < node.children.size(); ++i) {
        text += (i == 1 ? "" : ", ") + operand(node.children[i]);
      }
      return {text + ")"};
    }
    case Node::Kind::IsType: {
      const Node& subject = node.children.front();
      if (subject.kind != Node::Kind::Path) {
        throw errors::validation(
            "The left hand side argument to IS must be a Variable Reference, Literal, or Path");
      }
      if (node.name == "MISSING") {
        return {std::string(node.negated ? "attribute_exists(" : "attribute_not_exists(") +
                path(subject.path) + ")"};
      }
      const std::string target = path(subject.path);
      std::string test = "attribute_type(" + target + ", " + value(Json{{"S", node.name}}) + ")";
      return {node.negated ? "NOT " + test : test};
    }
    case Node::Kind::Call:
      return {operand(node)};
    case Node::Kind::And:
      return compound(node, " AND ", Rendered::And);
    case Node::Kind::Or:
      return compound(node, " OR ", Rendered::Or);
    case Node::Kind::Not:
      return {"NOT " + wrapped(condition(node.children.front()), Rendered::Atom)};
    case Node::Kind::Missing:
      missing_outside_is();
    case Node::Kind::Arith:
      unsupported_condition(node.name);
    case Node::Kind::Path:
    case Node::Kind::Value:
      break;
  }
  throw errors::validation("WHERE clause must contain an expression that resolves to a boolean");
}

std::string ExpressionBuilder::update_value(const Node& node) {
  if (node.kind == Node::Kind::Arith) {
    for (const auto& side : node.children) {
      if (side.kind == Node::Kind::Arith) {
        throw errors::validation("Unsupported operator in Update Expression. Operator: " +
                                 side.name);
      }
    }
    const std::string left = operand(node.children[0]);
    return left + " " + node.name + " " + operand(node.children[1]);
  }
  if (node.kind != Node::Kind::Path && node.kind != Node::Kind::Value &&
      node.kind != Node::Kind::Call && node.kind != Node::Kind::Missing) {
    throw errors::validation("Unsupported operator in Update Expression. Operator: " + node.name);
  }
  return operand(node);
}

void ExpressionBuilder::add_to(Json& request) const {
  if (!name_map_.empty()) {
    request["ExpressionAttributeNames"] = name_map_;
  }
  if (!value_map_.empty()) {
    request["ExpressionAttributeValues"] = value_map_;
  }
}

}  // namespace preflight::dynamodb::partiql
