#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "emulator/common/json.h"

namespace preflight::dynamodb {

struct KeySchema {
  std::string partition;
  std::optional<std::string> sort;
};

struct IndexDef {
  std::string name;
  bool global = true;
  KeySchema keys;
  std::string projection_type = "ALL";  // ALL | KEYS_ONLY | INCLUDE
  std::vector<std::string> non_key_attributes;
};

// An item's primary key as stored: order-preserving encodings (key_codec.h); sk is empty for
// tables without a sort key.
struct StoredKey {
  std::string pk;
  std::string sk;
  friend bool operator==(const StoredKey&, const StoredKey&) = default;
};

// A table's definition, parsed once from its stored TableDescription and cached.
struct TableDef {
  std::int64_t id = 0;
  std::string name;
  std::string arn;
  KeySchema keys;
  std::map<std::string, std::string> attribute_types;  // AttributeDefinitions: name -> S | N | B
  std::vector<IndexDef> indexes;
  std::string stream_view_type;  // empty when the stream is off
  std::string stream_arn;        // the latest stream, also after it is disabled
  std::string ttl_attribute;     // empty when TTL is off
  Json description;              // the stored TableDescription (without counters)

  static TableDef from_description(std::int64_t id, Json description);

  const IndexDef* find_index(std::string_view name) const;
  bool is_key_attribute(std::string_view attribute) const;  // of the table or any index

  // The key attributes of an item (from a full item or a Key parameter).
  Json key_of(const Json& item) const;
  StoredKey stored_key(const Json& item) const;
  // Checks a request's Key parameter: exactly the key attributes, with their declared types.
  // Throws ValidationException "The provided key element does not match the schema".
  void check_key(const Json& key) const;
  // Checks that a whole item carries the key attributes with the right types (PutItem).
  void check_item_key(const Json& item) const;
  // Key attributes may not be empty strings or binaries.
  void check_not_empty(const Json& item) const;

  // The index's key for an item, or nullopt when the item lacks it (sparse indexes).
  std::optional<StoredKey> index_key(const IndexDef& index, const Json& item) const;
  // What an index stores for an item, following its projection.
  Json index_projection(const IndexDef& index, const Json& item) const;
  // Index key attributes plus the table's key attributes.
  Json index_key_of(const IndexDef& index, const Json& item) const;
};

}  // namespace preflight::dynamodb
