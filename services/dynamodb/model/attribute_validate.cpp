// The validation pass: what DynamoDB rejects (ValidationException) in a value that deserialized
// cleanly. The order of the checks follows DynamoDB's: each type member present is checked in
// the order S, SS, N, NS, B, BS, M, L, BOOL, NULL, and only then is the number of types checked,
// so {"S": "a", "N": "x"} reports the bad number, not the two types.
#include <set>
#include <string>
#include <vector>

#include "services/dynamodb/model/attribute_value.h"
#include "services/dynamodb/model/errors.h"
#include "services/dynamodb/model/number.h"

namespace preflight::dynamodb {
namespace {

constexpr std::string_view kInvalid = "One or more parameter values were invalid: ";

[[noreturn]] void fail(std::string message) {
  throw errors::validation(std::move(message));
}

[[noreturn]] void fail_invalid(std::string_view detail) {
  fail(std::string(kInvalid) + std::string(detail));
}

[[noreturn]] void fail_null(std::string_view name = {}) {
  // DynamoDB names the attribute when the null sits in a map ("a is null"), not in a list.
  std::string message = "The supplied Item contains a null AttributeValue";
  if (!name.empty()) {
    message += ": " + std::string(name) + " is null";
  }
  fail(std::move(message));
}

void check_name(const std::string& name) {
  if (name.empty()) {
    fail("Empty attribute name");
  }
  if (name.size() > kMaxAttributeNameBytes) {
    fail("Attribute name is too large, must be less than 65536 bytes");
  }
}

void check_level(int level) {
  if (level >= kMaxNestingLevel) {
    fail(
        "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels "
        "beyond supported limit");
  }
}

// DynamoDB lists the whole collection, as given, when it reports a duplicate: "[a, a]".
std::string listing(const Json& set) {
  std::string out = "[";
  for (std::size_t i = 0; i < set.size(); ++i) {
    out += i == 0 ? "" : ", ";
    out += set[i].get_ref<const std::string&>();
  }
  return out + "]";
}

void check_no_null_members(const Json& set) {
  for (const auto& element : set) {
    if (element.is_null()) {
      fail_null();
    }
  }
}

void check_string_set(const Json& set) {
  if (set.empty()) {
    fail_invalid("An string set  may not be empty");  // sic: DynamoDB's double space
  }
  check_no_null_members(set);
  std::set<std::string_view> seen;
  for (const auto& element : set) {
    if (!seen.insert(element.get_ref<const std::string&>()).second) {
      fail_invalid("Input collection " + listing(set) + " contains duplicates.");
    }
  }
}

void check_number_set(Json& set) {
  if (set.empty()) {
    fail_invalid("An number set  may not be empty");
  }
  check_no_null_members(set);
  // Every member must be a number before duplicates are looked for; duplicates are numeric
  // ("1" and "1.0"), hence compared in canonical form. This message has no prefix in DynamoDB.
  for (auto& element : set) {
    element = Number::parse(element.get_ref<const std::string&>()).to_string();
  }
  std::set<std::string_view> seen;
  for (const auto& element : set) {
    if (!seen.insert(element.get_ref<const std::string&>()).second) {
      fail("Input collection contains duplicates");
    }
  }
}

void check_binary_set(const Json& set) {
  if (set.empty()) {
    fail_invalid("Binary sets should not be empty");
  }
  check_no_null_members(set);
  std::set<std::string> seen;
  for (const auto& element : set) {
    if (!seen.insert(binary_bytes(element)).second) {
      fail_invalid("Input collection " + listing(set) + "of type BS contains duplicates.");
    }
  }
}

void check_value(Json& value, int level);

// The entries of an item or of an M: each value, then its name, as DynamoDB checks them.
void check_entries(Json& map, int level) {
  for (auto& [name, member] : map.items()) {
    if (member.is_null()) {
      fail_null(name);
    }
    check_value(member, level);
    check_name(name);
  }
}

void check_value(Json& value, int level) {
  if (value.is_null()) {
    fail_null();
  }
  int types = 0;
  auto present = [&](const char* key) -> Json* {
    const auto it = value.find(key);
    if (it == value.end()) {
      return nullptr;
    }
    ++types;
    return &*it;
  };
  present("S");
  if (auto* ss = present("SS")) {
    check_string_set(*ss);
  }
  if (auto* n = present("N")) {
    *n = Number::parse(n->get_ref<const std::string&>()).to_string();
  }
  if (auto* ns = present("NS")) {
    check_number_set(*ns);
  }
  present("B");
  if (auto* bs = present("BS")) {
    check_binary_set(*bs);
  }
  if (auto* m = present("M")) {
    check_level(level);
    check_entries(*m, level + 1);
  }
  if (auto* l = present("L")) {
    check_level(level);
    for (auto& element : *l) {
      if (element.is_null()) {
        fail_null();
      }
      check_value(element, level + 1);
    }
  }
  present("BOOL");
  if (auto* null = present("NULL"); null != nullptr && !null->get<bool>()) {
    fail_invalid("Null attribute value types must have the value of true");
  }
  if (types == 0) {
    fail("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
  }
  if (types > 1) {
    fail(
        "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the "
        "supported datatypes");
  }
}

}  // namespace

void validate_value(Json& value) {
  check_wire_value(value);
  check_value(value, 1);
}

void validate_item(Json& item) {
  check_wire_item(item);
  check_entries(item, 1);
}

}  // namespace preflight::dynamodb
