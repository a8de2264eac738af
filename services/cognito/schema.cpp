#include "services/cognito/schema.h"

#include <algorithm>
#include <string>

#include "emulator/common/strings.h"
#include "services/cognito/errors.h"
#include "services/cognito/shapes.h"

namespace preflight::cognito {
namespace {

struct StandardAttribute {
  const char* name;
  const char* type;  // AttributeDataType
  bool mutable_ = true;
  bool required = false;
};

// Cognito's standard schema, in the order DescribeUserPool lists it.
constexpr StandardAttribute kStandard[] = {
    {"sub", "String", false, true},
    {"name", "String"},
    {"given_name", "String"},
    {"family_name", "String"},
    {"middle_name", "String"},
    {"nickname", "String"},
    {"preferred_username", "String"},
    {"profile", "String"},
    {"picture", "String"},
    {"website", "String"},
    {"email", "String"},
    {"email_verified", "Boolean"},
    {"gender", "String"},
    {"birthdate", "String"},
    {"zoneinfo", "String"},
    {"locale", "String"},
    {"phone_number", "String"},
    {"phone_number_verified", "Boolean"},
    {"address", "String"},
    {"updated_at", "Number"},
    {"identities", "String"},
};

Json standard_schema_attribute(const StandardAttribute& a) {
  Json out{{"Name", a.name},
           {"AttributeDataType", a.type},
           {"DeveloperOnlyAttribute", false},
           {"Mutable", a.mutable_},
           {"Required", a.required}};
  if (std::string_view(a.type) == "String") {
    const bool birthdate = std::string_view(a.name) == "birthdate";
    out["StringAttributeConstraints"] = {{"MinLength", birthdate ? "10" : (a.required ? "1" : "0")},
                                         {"MaxLength", birthdate ? "10" : "2048"}};
  } else if (std::string_view(a.type) == "Number") {
    out["NumberAttributeConstraints"] = {{"MinValue", "0"}};
  }
  return out;
}

const StandardAttribute* find_standard(std::string_view name) {
  for (const auto& a : kStandard) {
    if (name == a.name) {
      return &a;
    }
  }
  return nullptr;
}

const Json* schema_attribute(const Pool& pool, std::string_view name) {
  const auto it = pool.config.find("SchemaAttributes");
  if (it == pool.config.end()) {
    return nullptr;
  }
  for (const auto& a : *it) {
    if (a.value("Name", "") == name) {
      return &a;
    }
  }
  return nullptr;
}

}  // namespace

Json schema_attributes(const Json* schema) {
  Json out = Json::array();
  for (const auto& a : kStandard) {
    out.push_back(standard_schema_attribute(a));
  }
  if (schema == nullptr) {
    return out;
  }
  if (!schema->is_array()) {
    throw errors::invalid_parameter("Schema must be a list.");
  }
  for (const auto& given : *schema) {
    using shapes::Kind;
    shapes::check_all(given, {{"Name", Kind::String},
                              {"AttributeDataType", Kind::String},
                              {"DeveloperOnlyAttribute", Kind::Boolean},
                              {"Mutable", Kind::Boolean},
                              {"Required", Kind::Boolean},
                              {"NumberAttributeConstraints", Kind::StringMap},
                              {"StringAttributeConstraints", Kind::StringMap}});
    const std::string name = given.value("Name", "");
    if (name.empty()) {
      throw errors::invalid_parameter("Schema attributes must have a Name.");
    }
    if (const auto* standard = find_standard(name)) {
      // A standard attribute may be made required or immutable.
      for (auto& a : out) {
        if (a["Name"] == standard->name) {
          for (const char* m : {"Required", "Mutable", "StringAttributeConstraints"}) {
            if (given.contains(m)) {
              a[m] = given[m];
            }
          }
        }
      }
      continue;
    }
    const auto type = given.value("AttributeDataType", "String");
    if (type != "String" && type != "Number" && type != "DateTime" && type != "Boolean") {
      throw errors::invalid_parameter(
          "Invalid AttributeDataType input, consider using the "
          "provided AttributeDataType enum.");
    }
    for (const char* constraints : {"StringAttributeConstraints", "NumberAttributeConstraints"}) {
      const Json limits = given.value(constraints, Json::object());
      for (const auto& [key, value] : limits.items()) {
        if (!is_all_digits(value.get<std::string>())) {
          throw errors::invalid_parameter(std::string(constraints) + "." + key +
                                          " must be a number.");
        }
      }
    }
    Json custom = given;
    custom["Name"] = "custom:" + name;
    custom.emplace("AttributeDataType", "String");
    custom.emplace("DeveloperOnlyAttribute", false);
    custom.emplace("Mutable", true);
    custom["Required"] = false;  // custom attributes cannot be required
    if (custom["AttributeDataType"] == "String") {
      custom.emplace("StringAttributeConstraints", Json::object());
    }
    out.push_back(std::move(custom));
  }
  return out;
}

void check_attribute_writes(const Pool& pool, const Json& attributes, bool creating) {
  for (const auto& [name, value] : attributes.items()) {
    const Json* schema = schema_attribute(pool, name);
    if (schema == nullptr || name == "sub") {
      throw errors::invalid_parameter("Invalid user attributes: user." + name +
                                      ": Attribute does not exist in the schema.\n");
    }
    if (!creating && !schema->value("Mutable", true)) {
      throw errors::invalid_parameter("Invalid user attributes: user." + name +
                                      ": Attribute cannot be updated. (changing an immutable "
                                      "attribute)\n");
    }
    const auto constraints = schema->find("StringAttributeConstraints");
    if (constraints != schema->end() && value.is_string()) {
      const auto max = constraints->value("MaxLength", "2048");
      if (value.get<std::string>().size() > std::stoul(max)) {
        throw errors::invalid_parameter("Invalid user attributes: user." + name +
                                        ": String must be no longer than " + max +
                                        " characters.\n");
      }
    }
  }
}

void check_required_attributes(const Pool& pool, const Json& attributes) {
  for (const auto& a : pool.config["SchemaAttributes"]) {
    const std::string name = a.value("Name", "");
    if (a.value("Required", false) && name != "sub" && !attributes.contains(name)) {
      throw errors::invalid_parameter("Attributes did not conform to the schema: " + name +
                                      ": The attribute is required\n");
    }
  }
}

Json attribute_map(const Json* list) {
  Json out = Json::object();
  if (list == nullptr) {
    return out;
  }
  for (const auto& a : *list) {
    if (!a.is_object() || !a.contains("Name") || !a["Name"].is_string()) {
      throw errors::invalid_parameter("Each user attribute needs a Name.");
    }
    const auto value = a.find("Value");
    out[a["Name"].get<std::string>()] =
        value != a.end() && value->is_string() ? value->get<std::string>() : "";
  }
  return out;
}

Json attribute_list(const Json& map, const Json* only) {
  Json out = Json::array();
  for (const auto& [name, value] : map.items()) {
    if (only != nullptr && std::find(only->begin(), only->end(), Json(name)) == only->end()) {
      continue;
    }
    out.push_back({{"Name", name}, {"Value", value}});
  }
  return out;
}

}  // namespace preflight::cognito
