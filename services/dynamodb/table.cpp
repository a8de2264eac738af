#include "services/dynamodb/table.h"

#include <algorithm>

#include "services/dynamodb/model/attribute_value.h"
#include "services/dynamodb/model/errors.h"
#include "services/dynamodb/model/key_codec.h"

namespace preflight::dynamodb {
namespace {

KeySchema parse_key_schema(const Json& elements) {
  KeySchema keys;
  for (const auto& e : elements) {
    if (e.at("KeyType") == "HASH") {
      keys.partition = e.at("AttributeName").get<std::string>();
    } else {
      keys.sort = e.at("AttributeName").get<std::string>();
    }
  }
  return keys;
}

IndexDef parse_index(const Json& index, bool global) {
  IndexDef def;
  def.name = index.at("IndexName").get<std::string>();
  def.global = global;
  def.keys = parse_key_schema(index.at("KeySchema"));
  const auto& projection = index.at("Projection");
  def.projection_type = projection.value("ProjectionType", "ALL");
  if (projection.contains("NonKeyAttributes")) {
    def.non_key_attributes = projection["NonKeyAttributes"].get<std::vector<std::string>>();
  }
  return def;
}

[[noreturn]] void key_mismatch() {
  throw errors::validation("The provided key element does not match the schema");
}

bool has_key_value(const Json& item, const std::string& name, const std::string& type) {
  const auto it = item.find(name);
  return it != item.end() && it->is_object() && it->size() == 1 && it->contains(type);
}

}  // namespace

TableDef TableDef::from_description(std::int64_t id, Json description) {
  TableDef t;
  t.id = id;
  t.name = description.at("TableName").get<std::string>();
  t.arn = description.at("TableArn").get<std::string>();
  t.keys = parse_key_schema(description.at("KeySchema"));
  for (const auto& def : description.at("AttributeDefinitions")) {
    t.attribute_types[def.at("AttributeName").get<std::string>()] =
        def.at("AttributeType").get<std::string>();
  }
  for (const auto* member : {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"}) {
    if (description.contains(member)) {
      for (const auto& index : description[member]) {
        t.indexes.push_back(parse_index(index, member[0] == 'G'));
      }
    }
  }
  if (const auto spec = description.find("StreamSpecification");
      spec != description.end() && spec->value("StreamEnabled", false)) {
    t.stream_view_type = spec->value("StreamViewType", "");
  }
  t.stream_arn = description.value("LatestStreamArn", "");
  t.ttl_attribute = description.value("_TtlAttribute", "");
  t.description = std::move(description);
  return t;
}

const IndexDef* TableDef::find_index(std::string_view index_name) const {
  for (const auto& index : indexes) {
    if (index.name == index_name) {
      return &index;
    }
  }
  return nullptr;
}

bool TableDef::is_key_attribute(std::string_view attribute) const {
  return attribute == keys.partition || (keys.sort && attribute == *keys.sort);
}

Json TableDef::key_of(const Json& item) const {
  Json key = Json::object();
  key[keys.partition] = item.at(keys.partition);
  if (keys.sort) {
    key[*keys.sort] = item.at(*keys.sort);
  }
  return key;
}

StoredKey TableDef::stored_key(const Json& item) const {
  return {encode_key(item.at(keys.partition)), keys.sort ? encode_key(item.at(*keys.sort)) : ""};
}

void TableDef::check_key(const Json& key) const {
  if (!key.is_object() || key.size() != (keys.sort ? 2u : 1u)) {
    key_mismatch();
  }
  for (const auto* name : {&keys.partition, keys.sort ? &*keys.sort : nullptr}) {
    if (name != nullptr && !has_key_value(key, *name, attribute_types.at(*name))) {
      key_mismatch();
    }
  }
  check_not_empty(key);
}

void TableDef::check_item_key(const Json& item) const {
  for (const auto* name : {&keys.partition, keys.sort ? &*keys.sort : nullptr}) {
    if (name == nullptr) {
      continue;
    }
    const auto& type = attribute_types.at(*name);
    if (!item.contains(*name)) {
      throw errors::validation("One or more parameter values were invalid: Missing the key " +
                               *name + " in the item");
    }
    if (!has_key_value(item, *name, type)) {
      const auto actual = type_of(item.at(*name));
      throw errors::validation("One or more parameter values were invalid: Type mismatch for key " +
                               *name + " expected: " + type +
                               " actual: " + std::string(actual ? type_name(*actual) : "unknown"));
    }
  }
  check_not_empty(item);
}

void TableDef::check_not_empty(const Json& item) const {
  for (const auto* name : {&keys.partition, keys.sort ? &*keys.sort : nullptr}) {
    if (name == nullptr) {
      continue;
    }
    const auto& value = item.at(*name).at(attribute_types.at(*name));
    if (value.is_string() && value.get_ref<const std::string&>().empty()) {
      throw errors::validation(
          "One or more parameter values are not valid. The AttributeValue for a key attribute "
          "cannot contain an empty " +
          std::string(attribute_types.at(*name) == "B" ? "binary" : "string") +
          " value. Key: " + *name);
    }
  }
}

std::optional<StoredKey> TableDef::index_key(const IndexDef& index, const Json& item) const {
  const auto& pk_type = attribute_types.at(index.keys.partition);
  if (!has_key_value(item, index.keys.partition, pk_type)) {
    return std::nullopt;
  }
  StoredKey key{encode_key(item.at(index.keys.partition)), ""};
  if (index.keys.sort) {
    if (!has_key_value(item, *index.keys.sort, attribute_types.at(*index.keys.sort))) {
      return std::nullopt;
    }
    key.sk = encode_key(item.at(*index.keys.sort));
  }
  return key;
}

Json TableDef::index_key_of(const IndexDef& index, const Json& item) const {
  Json key = key_of(item);
  key[index.keys.partition] = item.at(index.keys.partition);
  if (index.keys.sort) {
    key[*index.keys.sort] = item.at(*index.keys.sort);
  }
  return key;
}

Json TableDef::index_projection(const IndexDef& index, const Json& item) const {
  if (index.projection_type == "ALL") {
    return item;
  }
  Json projected = index_key_of(index, item);
  for (const auto& name : index.non_key_attributes) {
    if (const auto it = item.find(name); it != item.end()) {
      projected[name] = *it;
    }
  }
  return projected;
}

}  // namespace preflight::dynamodb
