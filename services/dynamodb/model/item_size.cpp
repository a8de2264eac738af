// Item sizes as DynamoDB counts them for the 400 KB item limit and for capacity units
// ("DynamoDB item sizes and formats" in the developer guide; number sizes as DynamoDB's storage
// format lays numbers out, see Number::size_bytes).
#include "services/dynamodb/model/attribute_value.h"
#include "services/dynamodb/model/number.h"

namespace preflight::dynamodb {
namespace {

// Overheads of the document types: every L or M costs 3 bytes, every element 1 more.
constexpr std::size_t kDocumentOverhead = 3;
constexpr std::size_t kElementOverhead = 1;

std::size_t number_size(const Json& text) {
  if (!text.is_string()) {
    return 0;
  }
  const auto n = Number::try_parse(text.get_ref<const std::string&>());
  // Only validated values reach here; the text length is a harmless stand-in otherwise.
  return n ? n->size_bytes() : text.get_ref<const std::string&>().size();
}

// Raw length from the base64 text without decoding it: 3 bytes per 4 characters, less padding.
std::size_t binary_size(const Json& text) {
  if (!text.is_string()) {
    return 0;
  }
  const auto& s = text.get_ref<const std::string&>();
  std::size_t padding = 0;
  while (padding < 2 && padding < s.size() && s[s.size() - 1 - padding] == '=') {
    ++padding;
  }
  return s.size() / 4 * 3 - (s.size() % 4 == 0 ? padding : 0);
}

std::size_t string_size(const Json& text) {
  return text.is_string() ? text.get_ref<const std::string&>().size() : 0;
}

template <typename MemberSize>
std::size_t set_size(const Json& set, MemberSize member_size) {
  std::size_t total = 0;
  if (set.is_array()) {
    for (const auto& element : set) {
      total += member_size(element);
    }
  }
  return total;
}

}  // namespace

std::size_t value_size(const Json& value) {
  const auto type = type_of(value);
  if (!type) {
    return 0;
  }
  const Json& member = value.at(std::string(type_name(*type)));
  switch (*type) {
    case Type::S:
      return string_size(member);
    case Type::N:
      return number_size(member);
    case Type::B:
      return binary_size(member);
    case Type::BOOL:
    case Type::NUL:
      return 1;
    case Type::SS:
      return set_size(member, string_size);
    case Type::NS:
      return set_size(member, number_size);
    case Type::BS:
      return set_size(member, binary_size);
    case Type::L: {
      std::size_t total = kDocumentOverhead;
      if (member.is_array()) {
        for (const auto& element : member) {
          total += kElementOverhead + value_size(element);
        }
      }
      return total;
    }
    case Type::M: {
      std::size_t total = kDocumentOverhead;
      if (member.is_object()) {
        for (const auto& [name, element] : member.items()) {
          total += kElementOverhead + name.size() + value_size(element);
        }
      }
      return total;
    }
  }
  return 0;
}

std::size_t item_size(const Json& item) {
  std::size_t total = 0;
  if (item.is_object()) {
    for (const auto& [name, value] : item.items()) {
      total += name.size() + value_size(value);
    }
  }
  return total;
}

}  // namespace preflight::dynamodb
