#include "services/dynamodb/expression/value_ops.h"

#include <algorithm>
#include <set>

#include "services/dynamodb/model/number.h"

namespace preflight::dynamodb::expr {
namespace {

std::size_t utf16_units(std::string_view utf8) {
  std::size_t units = 0;
  for (const char c : utf8) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte & 0xC0) != 0x80) {
      units += byte >= 0xF0 ? 2 : 1;  // a 4-byte sequence is a surrogate pair
    }
  }
  return units;
}

// A comparable form of one set member: numbers compare by value, binaries by their bytes.
std::string member_key(Type set_type, const Json& member) {
  const std::string& text = member.get_ref<const std::string&>();
  if (set_type == Type::NS) {
    return Number::parse(text).to_string();
  }
  if (set_type == Type::BS) {
    return binary_bytes(Json{{"B", text}});
  }
  return text;
}

std::string_view set_key(Type type) {
  return type_name(type);
}

}  // namespace

Type value_type(const Json& value) {
  return type_of(value).value_or(Type::NUL);
}

bool is_set_type(Type type) {
  return (type_bit(type) & kSetTypes) != 0;
}

std::string type_symbols(TypeMask mask) {
  if (mask == kAllTypes) {
    return "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}";
  }
  std::string out;
  int count = 0;
  for (unsigned t = 0; t < 10; ++t) {
    if ((mask & (1u << t)) != 0) {
      out += (count++ > 0 ? "," : "") + std::string(type_name(static_cast<Type>(t)));
    }
  }
  return count > 1 ? "{" + out + "}" : out;
}

std::string_view long_type_name(Type type) {
  switch (type) {
    case Type::S:
      return "STRING";
    case Type::N:
      return "NUMBER";
    case Type::B:
      return "BINARY";
    case Type::BOOL:
      return "BOOLEAN";
    case Type::NUL:
      return "NULL";
    case Type::M:
      return "MAP";
    case Type::L:
      return "LIST";
    case Type::SS:
      return "STRING_SET";
    case Type::NS:
      return "NUMBER_SET";
    case Type::BS:
      return "BINARY_SET";
  }
  return "NULL";
}

std::string render_value(const Json& value) {
  const Type type = value_type(value);
  const Json& inner = value.begin().value();
  return "{" + std::string(type_name(type)) + ":" +
         (inner.is_string() ? inner.get<std::string>() : inner.dump()) + "}";
}

std::optional<std::size_t> size_of(const Json& value) {
  const Type type = value_type(value);
  const Json& inner = value.begin().value();
  switch (type) {
    case Type::S:
      return utf16_units(inner.get_ref<const std::string&>());
    case Type::B:
      return binary_bytes(value).size();
    case Type::SS:
    case Type::NS:
    case Type::BS:
    case Type::L:
    case Type::M:
      return inner.size();
    default:
      return std::nullopt;
  }
}

bool contains_value(const Json& haystack, const Json& needle) {
  const Type outer = value_type(haystack);
  const Type inner = value_type(needle);
  const Json& elements = haystack.begin().value();
  if (outer == Type::S && inner == Type::S) {
    return elements.get_ref<const std::string&>().find(needle["S"].get_ref<const std::string&>()) !=
           std::string::npos;
  }
  if (outer == Type::B && inner == Type::B) {
    return binary_bytes(haystack).find(binary_bytes(needle)) != std::string::npos;
  }
  if (outer == Type::L) {
    return std::any_of(elements.begin(), elements.end(),
                       [&](const Json& element) { return equals(element, needle); });
  }
  const bool member_type = (outer == Type::SS && inner == Type::S) ||
                           (outer == Type::NS && inner == Type::N) ||
                           (outer == Type::BS && inner == Type::B);
  if (!member_type) {
    return false;
  }
  const std::string key = member_key(outer, needle.begin().value());
  return std::any_of(elements.begin(), elements.end(),
                     [&](const Json& member) { return member_key(outer, member) == key; });
}

bool begins_with(const Json& value, const Json& prefix) {
  const Type type = value_type(value);
  if (type != value_type(prefix)) {
    return false;
  }
  if (type == Type::S) {
    return value["S"].get_ref<const std::string&>().starts_with(
        prefix["S"].get_ref<const std::string&>());
  }
  return type == Type::B && binary_bytes(value).starts_with(binary_bytes(prefix));
}

Json set_union(const Json& a, const Json& b) {
  const Type type = value_type(a);
  const std::string_view key = set_key(type);
  Json result = a;
  Json& members = result[std::string(key)];
  std::set<std::string> seen;
  for (const Json& member : members) {
    seen.insert(member_key(type, member));
  }
  for (const Json& member : b.at(std::string(key))) {
    if (seen.insert(member_key(type, member)).second) {
      members.push_back(member);
    }
  }
  return result;
}

std::optional<Json> set_difference(const Json& a, const Json& b) {
  const Type type = value_type(a);
  const std::string key(set_key(type));
  std::set<std::string> removed;
  for (const Json& member : b.at(key)) {
    removed.insert(member_key(type, member));
  }
  Json kept = Json::array();
  for (const Json& member : a.at(key)) {
    if (!removed.contains(member_key(type, member))) {
      kept.push_back(member);
    }
  }
  if (kept.empty()) {
    return std::nullopt;
  }
  return Json{{key, std::move(kept)}};
}

}  // namespace preflight::dynamodb::expr
