#include "services/dynamodb/backend.h"

#include <algorithm>
#include <cctype>

#include "services/dynamodb/model/errors.h"

namespace preflight::dynamodb {

std::string_view table_name_of(std::string_view name_or_arn) {
  if (!name_or_arn.starts_with("arn:")) {
    return name_or_arn;
  }
  const auto slash = name_or_arn.find(":table/");
  if (slash == std::string_view::npos) {
    return name_or_arn;
  }
  auto name = name_or_arn.substr(slash + 7);
  return name.substr(0, name.find('/'));
}

void check_table_name(std::string_view name, std::string_view member) {
  const auto prefix = "1 validation error detected: Value '" + std::string(name) + "' at '" +
                      std::string(member) + "' failed to satisfy constraint: ";
  if (name.size() < 3) {
    throw errors::validation(prefix + "Member must have length greater than or equal to 3");
  }
  if (name.size() > 255) {
    throw errors::validation(prefix + "Member must have length less than or equal to 255");
  }
  if (!std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
      })) {
    throw errors::validation(prefix +
                             "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
  }
}

std::string Backend::cache_key(const core::RequestContext& ctx, std::string_view name) {
  std::string key = ctx.account_id;
  key.append("\n").append(ctx.region).append("\n").append(name);
  return key;
}

std::string Backend::table_arn(const core::RequestContext& ctx, std::string_view name) const {
  return "arn:aws:dynamodb:" + ctx.region + ":" + ctx.account_id + ":table/" + std::string(name);
}

TablePtr Backend::find_table(const core::RequestContext& ctx, std::string_view name_or_arn) {
  const auto name = table_name_of(name_or_arn);
  const auto key = cache_key(ctx, name);
  if (const auto it = cache_.find(key); it != cache_.end()) {
    return it->second;
  }
  auto row = store_.find_table(ctx.account_id, ctx.region, name);
  if (!row) {
    return nullptr;
  }
  auto table =
      std::make_shared<const TableDef>(TableDef::from_description(row->id, row->description));
  cache_.emplace(key, table);
  return table;
}

TablePtr Backend::table(const core::RequestContext& ctx, std::string_view name_or_arn) {
  auto table = find_table(ctx, name_or_arn);
  if (!table) {
    throw errors::resource_not_found();
  }
  return table;
}

void Backend::forget(const core::RequestContext& ctx, std::string_view name) {
  cache_.erase(cache_key(ctx, name));
}

}  // namespace preflight::dynamodb
