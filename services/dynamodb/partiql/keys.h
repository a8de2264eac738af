#pragma once

#include <vector>

#include "emulator/common/json.h"
#include "services/dynamodb/partiql/ast.h"
#include "services/dynamodb/partiql/translate.h"

// Finding a statement's key in its WHERE clause, as DynamoDB does: only the equalities that sit
// directly under the top-level ANDs count; everything else is a condition on the item.
namespace preflight::dynamodb::partiql {

// Write: UPDATE / DELETE (a key attribute twice with different values is an error);
// Read: a SELECT in a batch or transaction; Check: EXISTS (a repeated key attribute is a
// condition).
enum class KeyUse { Write, Read, Check };

struct ExtractedKey {
  Json key = Json::object();
  std::vector<const Node*> rest;  // the other conjuncts, in order
};

// The top-level conjuncts of a condition (the condition itself when it is not an AND).
std::vector<const Node*> conjuncts(const Node& where);

// A conjunct `key = value` (either way round) naming `attribute`: the value node, else null.
const Node* equality_on(const Node& conjunct, const std::string& attribute);

// Throws "Where clause does not contain a mandatory equality on all key attributes" (Write,
// Read), "EXISTS() must contain a single item read with additional condition" (Check), and for
// Write the scalar and schema type checks.
ExtractedKey extract_key(const Node& where, const KeySchema& keys, KeyUse use);

// "Key attribute's data type should match its data type in table's schema: Key <name>".
void check_key_type(const std::string& name, const Json& value, const KeyAttribute& attribute);
void check_key_types(const Json& key, const KeySchema& keys);

// SELECT in ExecuteStatement: a Query when the WHERE pins the partition key, else a Scan.
Translation select(const Statement& s, const KeySchema& table_keys, const KeySchema* index_keys);

}  // namespace preflight::dynamodb::partiql
