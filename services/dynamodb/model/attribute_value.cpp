#include "services/dynamodb/model/attribute_value.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

#include "services/dynamodb/model/number.h"

namespace preflight::dynamodb {
namespace {

struct TypeName {
  Type type;
  std::string_view name;
};

constexpr std::array<TypeName, 10> kTypeNames = {{{Type::S, "S"},
                                                  {Type::N, "N"},
                                                  {Type::B, "B"},
                                                  {Type::BOOL, "BOOL"},
                                                  {Type::NUL, "NULL"},
                                                  {Type::M, "M"},
                                                  {Type::L, "L"},
                                                  {Type::SS, "SS"},
                                                  {Type::NS, "NS"},
                                                  {Type::BS, "BS"}}};

// Unsigned byte order, as DynamoDB compares strings and binaries.
int compare_bytes(std::string_view a, std::string_view b) {
  const auto common = std::min(a.size(), b.size());
  const int c = common == 0 ? 0 : std::memcmp(a.data(), b.data(), common);
  if (c != 0) {
    return c < 0 ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

const std::string& text(const Json& value, std::string_view key) {
  return value.at(std::string(key)).get_ref<const std::string&>();
}

// The bytes of a binary member; equality and ordering must not throw, so text that is not
// valid base64 stands for itself (validated values never take this path).
std::string bytes_or_text(const Json& b64) {
  try {
    return binary_bytes(b64);
  } catch (const std::exception&) {
    return b64.is_string() ? b64.get<std::string>() : b64.dump();
  }
}

std::optional<int> compare_numbers(const std::string& a, const std::string& b) {
  const auto x = Number::try_parse(a);
  const auto y = Number::try_parse(b);
  if (!x || !y) {
    return std::nullopt;
  }
  return compare(*x, *y);
}

// Sets are equal when their members are, whatever the order; members are normalised to a
// comparable form first (canonical numbers, decoded bytes).
bool same_set(const Json& a, const Json& b, Type type) {
  if (!a.is_array() || !b.is_array() || a.size() != b.size()) {
    return false;
  }
  auto members = [type](const Json& set) {
    std::vector<std::string> out;
    for (const auto& element : set) {
      if (!element.is_string()) {
        out.push_back(element.dump());
      } else if (type == Type::NS) {
        const auto n = Number::try_parse(element.get_ref<const std::string&>());
        out.push_back(n ? n->to_string() : element.get<std::string>());
      } else if (type == Type::BS) {
        out.push_back(bytes_or_text(element));
      } else {
        out.push_back(element.get<std::string>());
      }
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  return members(a) == members(b);
}

}  // namespace

std::optional<Type> type_of(const Json& value) {
  if (!value.is_object()) {
    return std::nullopt;
  }
  std::optional<Type> found;
  for (const auto& [type, name] : kTypeNames) {
    const auto it = value.find(name);
    if (it == value.end() || it->is_null()) {
      continue;
    }
    if (found) {
      return std::nullopt;
    }
    found = type;
  }
  return found;
}

std::string_view type_name(Type type) {
  for (const auto& entry : kTypeNames) {
    if (entry.type == type) {
      return entry.name;
    }
  }
  return "";
}

std::optional<Type> type_from_name(std::string_view name) {
  for (const auto& entry : kTypeNames) {
    if (entry.name == name) {
      return entry.type;
    }
  }
  return std::nullopt;
}

bool equals(const Json& a, const Json& b) {
  const auto type = type_of(a);
  if (!type || type != type_of(b)) {
    return false;
  }
  const std::string key(type_name(*type));
  const Json& x = a.at(key);
  const Json& y = b.at(key);
  switch (*type) {
    case Type::S:
    case Type::BOOL:
    case Type::NUL:
      return x == y;
    case Type::N:
    case Type::B:
      return compare(a, b) == 0;
    case Type::SS:
    case Type::NS:
    case Type::BS:
      return same_set(x, y, *type);
    case Type::L:
      if (!x.is_array() || !y.is_array() || x.size() != y.size()) {
        return false;
      }
      for (std::size_t i = 0; i < x.size(); ++i) {
        if (!equals(x[i], y[i])) {
          return false;
        }
      }
      return true;
    case Type::M:
      if (!x.is_object() || !y.is_object() || x.size() != y.size()) {
        return false;
      }
      for (const auto& [name, value] : x.items()) {
        const auto it = y.find(name);
        if (it == y.end() || !equals(value, *it)) {
          return false;
        }
      }
      return true;
  }
  return false;
}

std::optional<int> compare(const Json& a, const Json& b) {
  const auto type = type_of(a);
  if (!type || type != type_of(b)) {
    return std::nullopt;
  }
  const auto key = type_name(*type);
  const Json& x = a.at(std::string(key));
  const Json& y = b.at(std::string(key));
  if (!x.is_string() || !y.is_string()) {
    return std::nullopt;
  }
  switch (*type) {
    case Type::S:
      return compare_bytes(text(a, key), text(b, key));
    case Type::N:
      return compare_numbers(text(a, key), text(b, key));
    case Type::B:
      return compare_bytes(bytes_or_text(x), bytes_or_text(y));
    default:
      return std::nullopt;
  }
}

}  // namespace preflight::dynamodb
