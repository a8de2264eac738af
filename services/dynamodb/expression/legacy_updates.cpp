#include <set>

#include "services/dynamodb/expression/expression.h"
#include "services/dynamodb/expression/legacy.h"
#include "services/dynamodb/expression/value_ops.h"
#include "services/dynamodb/model/attribute_value.h"
#include "services/dynamodb/model/errors.h"

// AttributeUpdates and AttributesToGet, mapped onto updates and projections of top-level
// attributes.
namespace preflight::dynamodb::expr {
namespace {

core::AwsError invalid_parameter(const std::string& message) {
  return errors::validation("One or more parameter values were invalid: " + message);
}

}  // namespace

Update attribute_updates(const Json& updates) {
  if (!updates.is_object()) {
    throw errors::serialization("Expected map or null");
  }
  Update update;
  for (const auto& [attribute, entry] : updates.items()) {
    if (!entry.is_object()) {
      throw errors::validation(
          "Supplied AttributeValueUpdate is empty, must contain one of the supported actions");
    }
    const auto action_it = entry.find("Action");
    const std::string action =
        action_it == entry.end() || action_it->is_null()
            ? "PUT"
            : (action_it->is_string() ? action_it->get<std::string>() : action_it->dump());
    if (action != "PUT" && action != "ADD" && action != "DELETE") {
      throw errors::validation(
          shape_error("'" + action + "'", "attributeUpdates." + attribute + ".member.action",
                      "Member must satisfy enum value set: [ADD, PUT, DELETE]"));
    }
    UpdateAction step;
    step.legacy = true;
    step.path = Path{PathElement::key(attribute)};
    const auto value_it = entry.find("Value");
    const bool has_value = value_it != entry.end() && !value_it->is_null();
    if (!has_value) {
      if (action != "DELETE") {
        throw invalid_parameter(
            "Only DELETE action is allowed when no attribute value is specified");
      }
      step.kind = UpdateAction::Kind::Remove;
    } else {
      Json value = *value_it;
      validate_value(value);
      const Type type = value_type(value);
      if (action == "DELETE" && !is_set_type(type)) {
        throw invalid_parameter("DELETE action with value is not supported for the type " +
                                std::string(type_name(type)));
      }
      if (action == "ADD" && !is_set_type(type) && type != Type::N && type != Type::L) {
        throw invalid_parameter("ADD action is not supported for the type " +
                                std::string(type_name(type)));
      }
      step.kind = action == "PUT"   ? UpdateAction::Kind::Set
                  : action == "ADD" ? UpdateAction::Kind::Add
                                    : UpdateAction::Kind::Delete;
      step.left = Operand::constant(std::move(value));
    }
    update.paths.push_back(step.path);
    update.actions.push_back(std::move(step));
  }
  return update;
}

Projection attributes_to_get(const Json& names) {
  if (!names.is_array()) {
    throw errors::serialization("Expected list or null");
  }
  Projection projection;
  std::set<std::string> seen;
  for (const Json& name : names) {
    if (!name.is_string()) {
      throw errors::serialization("Expected string");
    }
    const std::string& text = name.get_ref<const std::string&>();
    if (!seen.insert(text).second) {
      throw invalid_parameter("Duplicate value in attribute name: " + text);
    }
    projection.paths.push_back(Path{PathElement::key(text)});
  }
  return projection;
}

}  // namespace preflight::dynamodb::expr
