#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/common/json.h"

// AttributeValues are kept exactly as DynamoDB's JSON wire form: {"S": "x"}, {"N": "1.5"},
// {"B": "<base64>"}, {"BOOL": true}, {"NULL": true}, {"M": {...}}, {"L": [...]}, {"SS": [...]},
// {"NS": [...]}, {"BS": [...]}. An item is a JSON object of attribute name -> AttributeValue.
namespace preflight::dynamodb {

enum class Type { S, N, B, BOOL, NUL, M, L, SS, NS, BS };

// The type of a well-formed AttributeValue; nullopt when it is not exactly one known type key
// with a non-null value (unknown keys are ignored, as DynamoDB's deserializer ignores them).
std::optional<Type> type_of(const Json& value);
std::string_view type_name(Type type);  // "S", "N", ..., "NULL", ...
std::optional<Type> type_from_name(std::string_view name);

// DynamoDB counts an attribute as nesting level 1 and rejects an M or L at level 32 or deeper:
// a value may hold at most 31 nested M/L levels.
inline constexpr int kMaxNestingLevel = 32;
inline constexpr std::size_t kMaxAttributeNameBytes = 65535;

// The deserialization pass on its own: checks that every member has the JSON type the wire
// protocol demands and throws SerializationException with DynamoDB's (Coral's) messages
// ("NUMBER_VALUE cannot be converted to String", "Start of structure or map found where not
// expected", "Base64 encoded length is expected a multiple of 4 bytes but found: 5", ...).
// Normalises in place by dropping unknown keys and null members ({"S": null} is an absent S).
// A request is deserialized whole before anything is validated, so an operation that takes
// several values (Key, Item, ExpressionAttributeValues) can run this on all of them first to
// report a SerializationException ahead of any ValidationException; validate_value and
// validate_item run it themselves.
void check_wire_value(Json& value);
void check_wire_item(Json& item);

// Validates one AttributeValue from a request, recursively, and normalises it in place (numbers
// and number sets take their canonical form; see check_wire_value). Throws
// SerializationException for wrong JSON types or invalid base64, else ValidationException with
// DynamoDB's messages: not exactly one type, NULL not true, invalid numbers (see Number::parse),
// empty or duplicate sets (numbers compared numerically, binaries by bytes), nesting deeper than
// kMaxNestingLevel, invalid map keys (see validate_item). Empty S and B are valid (only key
// attributes must be non-empty, which the table layer checks).
void validate_value(Json& value);
// Validates every attribute of an item and its values. Names (and keys of nested maps) must be
// non-empty ("Empty attribute name") and at most 65535 UTF-8 bytes ("Attribute name is too
// large, must be less than 65536 bytes").
void validate_item(Json& item);

// DynamoDB equality: same type and same value; numbers numerically, binaries by decoded bytes,
// sets ignoring order, M and L recursively. Never throws; different types are unequal.
bool equals(const Json& a, const Json& b);
// Ordering for <, <=, >, >=, BETWEEN and sort keys: defined only between two S (UTF-8 bytes,
// unsigned), two N (numeric) or two B (decoded bytes, unsigned); nullopt for any other pair.
std::optional<int> compare(const Json& a, const Json& b);

// Sizes exactly as DynamoDB documents them: S by UTF-8 bytes, N by Number::size_bytes, B by raw
// bytes, BOOL and NULL 1 byte, sets the sum of their members, L and M 3 bytes plus 1 byte per
// element plus the elements (and, for M, each key's UTF-8 bytes); item_size adds each attribute
// name's bytes to its value's size. item_size is what the 400 KB limit and capacity units use.
std::size_t value_size(const Json& value);
std::size_t item_size(const Json& item);
inline constexpr std::size_t kMaxItemSize = 400 * 1024;

// Decoded bytes of a B value: the AttributeValue {"B": "<base64>"} or the base64 string itself.
// Throws SerializationException when the text is not valid base64.
std::string binary_bytes(const Json& b_value);

}  // namespace preflight::dynamodb
