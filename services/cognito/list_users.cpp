#include <algorithm>
#include <array>

#include "emulator/common/strings.h"
#include "emulator/service/input.h"
#include "services/cognito/errors.h"
#include "services/cognito/operations.h"
#include "services/cognito/pool.h"
#include "services/cognito/schema.h"

namespace preflight::cognito {
namespace {

// ListUsers' Filter: `NAME = "value"` (exact) or `NAME ^= "value"` (prefix) on the attributes
// Cognito allows; an empty filter matches everyone.
struct Filter {
  std::string attribute;
  bool prefix = false;
  std::string value;
};

constexpr std::array kFilterable = {
    "username",   "email",       "phone_number",       "name",
    "given_name", "family_name", "preferred_username", "cognito:user_status",
    "status",     "sub"};

std::optional<Filter> parse_filter(std::string_view text) {
  text = trim(text);
  if (text.empty()) {
    return std::nullopt;
  }
  const auto bad = [] { return errors::invalid_parameter("Error while parsing filter."); };
  const auto op = text.find_first_of("^=");
  if (op == std::string_view::npos) {
    throw bad();
  }
  Filter f;
  f.attribute = std::string(trim(text.substr(0, op)));
  f.prefix = text[op] == '^';
  auto rest = text.substr(op + (f.prefix ? 2 : 1));
  if (f.prefix && text.substr(op, 2) != "^=") {
    throw bad();
  }
  rest = trim(rest);
  if (rest.size() < 2 || rest.front() != '"' || rest.back() != '"') {
    throw bad();
  }
  for (std::size_t i = 1; i + 1 < rest.size(); ++i) {
    if (rest[i] == '\\' && i + 2 < rest.size()) {
      ++i;
    }
    f.value.push_back(rest[i]);
  }
  if (std::find(kFilterable.begin(), kFilterable.end(), f.attribute) == kFilterable.end()) {
    throw errors::invalid_parameter("Invalid search attribute: " + f.attribute);
  }
  return f;
}

std::string filtered_value(const User& user, const std::string& attribute) {
  if (attribute == "username") {
    return user.username;
  }
  if (attribute == "cognito:user_status") {
    return std::string(status_name(user.status));
  }
  if (attribute == "status") {
    return user.enabled ? "Enabled" : "Disabled";
  }
  return user.attribute(attribute);
}

bool matches(const Filter& f, const User& user) {
  const auto value = filtered_value(user, f.attribute);
  return f.prefix ? value.starts_with(f.value) : value == f.value;
}

}  // namespace

Result list_users(Backend& b, core::RequestContext&, const Json& in) {
  const auto pool = b.pool_of(in);
  const auto limit = core::input::integer(in, "Limit").value_or(60);
  if (limit < 0 || limit > 60) {
    throw errors::invalid_parameter(
        "1 validation error detected: Value '" + std::to_string(limit) +
        "' at 'limit' failed to satisfy constraint: Member must have value less than or equal "
        "to 60");
  }
  const auto filter = parse_filter(core::input::string(in, "Filter").value_or(""));
  const auto token = core::input::string(in, "PaginationToken").value_or("");
  const Json* only = core::input::array(in, "AttributesToGet");
  Json users = Json::array();
  std::string last;
  bool more = false;
  for (const auto& user : b.store().users(pool->id)) {
    if ((!token.empty() && user.username <= token) || (filter && !matches(*filter, user))) {
      continue;
    }
    if (static_cast<std::int64_t>(users.size()) == (limit == 0 ? 60 : limit)) {
      more = true;
      break;
    }
    Json entry = user_json(user, "Attributes");
    if (only != nullptr) {
      entry["Attributes"] = attribute_list(user.attributes, only);
    }
    users.push_back(std::move(entry));
    last = user.username;
  }
  Json out{{"Users", std::move(users)}};
  if (more) {
    out["PaginationToken"] = last;
  }
  co_return out;
}

}  // namespace preflight::cognito
