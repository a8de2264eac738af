#include "services/dynamodb/partiql/keys.h"

#include "services/dynamodb/model/attribute_value.h"
#include "services/dynamodb/model/errors.h"

namespace preflight::dynamodb::partiql {
namespace {

void flatten(const Node& node, std::vector<const Node*>& out) {
  if (node.kind == Node::Kind::And) {
    for (const auto& child : node.children) {
      flatten(child, out);
    }
  } else {
    out.push_back(&node);
  }
}

bool names(const Node& node, const std::string& attribute) {
  return node.kind == Node::Kind::Path && node.path.size() == 1 && !node.path[0].is_index &&
         node.path[0].name == attribute;
}

std::vector<const KeyAttribute*> attributes(const KeySchema& keys) {
  std::vector<const KeyAttribute*> out{&keys.partition};
  if (keys.sort) {
    out.push_back(&*keys.sort);
  }
  return out;
}

}  // namespace

std::vector<const Node*> conjuncts(const Node& where) {
  std::vector<const Node*> out;
  flatten(where, out);
  return out;
}

const Node* equality_on(const Node& conjunct, const std::string& attribute) {
  if (conjunct.kind != Node::Kind::Compare || conjunct.name != "=") {
    return nullptr;
  }
  const Node& left = conjunct.children[0];
  const Node& right = conjunct.children[1];
  if (names(left, attribute) && right.kind == Node::Kind::Value) {
    return &right;
  }
  if (names(right, attribute) && left.kind == Node::Kind::Value) {
    return &left;
  }
  return nullptr;
}

void check_key_type(const std::string& name, const Json& value, const KeyAttribute& attribute) {
  const auto type = type_of(value);
  if (!type || type_name(*type) != attribute.type) {
    throw errors::validation(
        "Key attribute's data type should match its data type in table's schema: Key " + name);
  }
}

void check_key_types(const Json& key, const KeySchema& keys) {
  for (const auto* attribute : attributes(keys)) {
    check_key_type(attribute->name, key.at(attribute->name), *attribute);
  }
}

ExtractedKey extract_key(const Node& where, const KeySchema& keys, KeyUse use) {
  ExtractedKey out;
  for (const Node* conjunct : conjuncts(where)) {
    bool is_key = false;
    for (const auto* attribute : attributes(keys)) {
      const Node* value = equality_on(*conjunct, attribute->name);
      if (value == nullptr) {
        continue;
      }
      if (out.key.contains(attribute->name)) {
        if (use == KeyUse::Check) {
          continue;
        }
        if (!equals(out.key[attribute->name], value->value)) {
          throw errors::validation("Multiple conditions on same key " + attribute->name +
                                   ". Only single item Update/Insert/Delete are supported");
        }
      }
      out.key[attribute->name] = value->value;
      is_key = true;
      break;
    }
    if (!is_key) {
      out.rest.push_back(conjunct);
    }
  }
  for (const auto* attribute : attributes(keys)) {
    if (!out.key.contains(attribute->name)) {
      throw errors::validation(
          use == KeyUse::Check
              ? "EXISTS() must contain a single item read with additional condition"
              : "Where clause does not contain a mandatory equality on all key attributes");
    }
  }
  if (use == KeyUse::Read) {
    return out;
  }
  for (const auto* attribute : attributes(keys)) {
    const Json& value = out.key[attribute->name];
    const auto type = type_of(value);
    if (!type || (*type != Type::S && *type != Type::N && *type != Type::B)) {
      throw errors::validation(
          "Key value must be of type S, N, or B. Key name: " + attribute->name +
          ", Key type: " + std::string(type ? type_name(*type) : "unknown"));
    }
  }
  check_key_types(out.key, keys);
  return out;
}

}  // namespace preflight::dynamodb::partiql
