#pragma once

#include <string>

#include "emulator/common/json.h"

namespace preflight::dynamodb {

// Validates a CreateTable request the way DynamoDB does (key schema, attribute definitions,
// indexes, billing, streams) and builds the TableDescription to store. Throws
// ValidationException with DynamoDB's messages.
Json new_table_description(const Json& input, const std::string& table_arn, std::int64_t now_ms);

// Validates one index definition (GSI or LSI) against the table's key schema and attribute
// definitions; used by CreateTable and UpdateTable's GlobalSecondaryIndexUpdates.Create.
// Returns the stored index description.
Json new_index_description(const Json& index, bool global, const Json& table_key_schema,
                           const Json& attribute_definitions, bool provisioned,
                           const std::string& table_arn);

// Every attribute a key schema names must be defined; returns the defined type.
void check_key_attributes_defined(const Json& key_schema, const Json& attribute_definitions);

// The description a client sees: internal fields dropped, live counters filled in.
Json public_description(const Json& stored, std::int64_t item_count, std::int64_t size_bytes);

// "2026-11-23T10:00:00.000" — stream labels and ARNs.
std::string stream_label(std::int64_t now_ms);

}  // namespace preflight::dynamodb
