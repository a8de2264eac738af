#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/common/json.h"
#include "services/dynamodb/model/attribute_value.h"

// What the expression language needs to know about AttributeValues beyond the model's contract:
// sets of types as operators declare them, DynamoDB's names for types in messages, and the
// value functions (size, contains, begins_with, set union and difference).
namespace preflight::dynamodb::expr {

using TypeMask = unsigned;
constexpr TypeMask type_bit(Type type) {
  return 1u << static_cast<unsigned>(type);
}

inline constexpr TypeMask kAllTypes = 0x3FFu;
inline constexpr TypeMask kOrderedTypes = type_bit(Type::S) | type_bit(Type::N) | type_bit(Type::B);
inline constexpr TypeMask kStringBinary = type_bit(Type::S) | type_bit(Type::B);
inline constexpr TypeMask kSetTypes = type_bit(Type::SS) | type_bit(Type::NS) | type_bit(Type::BS);
inline constexpr TypeMask kSizedTypes =
    kStringBinary | kSetTypes | type_bit(Type::L) | type_bit(Type::M);

// The type of a well-formed value (values reaching the expression layer are validated).
Type value_type(const Json& value);
bool is_set_type(Type type);

// "N" for one type, "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}" for any type, as operand-type errors read.
std::string type_symbols(TypeMask mask);
// The names update-action messages use: STRING, NUMBER, BINARY, BOOLEAN, NULL, MAP, LIST, ...
std::string_view long_type_name(Type type);
// "{N:1}", as the BETWEEN bound messages render a value.
std::string render_value(const Json& value);

// size(): characters (UTF-16 code units) of S, bytes of B, members of sets, L and M; nullopt
// for the types size is not defined on.
std::optional<std::size_t> size_of(const Json& value);
// contains(): substring of S, byte subsequence of B, membership of a set or list.
bool contains_value(const Json& haystack, const Json& needle);
// begins_with(): prefix of S or of B bytes.
bool begins_with(const Json& value, const Json& prefix);

// Both operands are sets of the same type. The union keeps `a`'s order and appends new members;
// the difference is nullopt when nothing remains (DynamoDB has no empty sets).
Json set_union(const Json& a, const Json& b);
std::optional<Json> set_difference(const Json& a, const Json& b);

}  // namespace preflight::dynamodb::expr
