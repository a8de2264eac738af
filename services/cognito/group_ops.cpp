#include <algorithm>
#include <functional>

#include "emulator/common/time_format.h"
#include "emulator/service/input.h"
#include "services/cognito/errors.h"
#include "services/cognito/operations.h"

namespace preflight::cognito {
namespace {

Json group_json(const Group& g) {
  Json out{{"GroupName", g.name},
           {"UserPoolId", g.pool_id},
           {"LastModifiedDate", static_cast<double>(g.last_modified)},
           {"CreationDate", static_cast<double>(g.created)}};
  if (!g.description.empty()) {
    out["Description"] = g.description;
  }
  if (!g.role_arn.empty()) {
    out["RoleArn"] = g.role_arn;
  }
  if (g.precedence) {
    out["Precedence"] = *g.precedence;
  }
  return out;
}

Group group_of(Backend& b, const Pool& pool, const Json& in) {
  auto g = b.store().group(pool.id, required_string(in, "GroupName"));
  if (!g) {
    throw errors::group_not_found();
  }
  return std::move(*g);
}

void apply(Group& g, const Json& in) {
  if (auto d = core::input::string(in, "Description")) {
    g.description = std::move(*d);
  }
  if (auto r = core::input::string(in, "RoleArn")) {
    g.role_arn = std::move(*r);
  }
  if (auto p = core::input::integer(in, "Precedence")) {
    g.precedence = *p;
  }
  g.last_modified = unix_now();
}

// A page of items after NextToken (the name of the last item of the previous page).
template <typename T, typename Name>
Json page(const std::vector<T>& items, const Json& in, Name name, const char* member,
          const std::function<Json(const T&)>& to_json) {
  const auto limit = core::input::integer(in, "Limit").value_or(60);
  const auto token = core::input::string(in, "NextToken").value_or("");
  Json out{{member, Json::array()}};
  const T* last = nullptr;
  for (const auto& item : items) {
    if (!token.empty() && name(item) <= token) {
      continue;
    }
    if (static_cast<std::int64_t>(out[member].size()) == limit) {
      out["NextToken"] = name(*last);
      break;
    }
    out[member].push_back(to_json(item));
    last = &item;
  }
  return out;
}

}  // namespace

Result create_group(Backend& b, core::RequestContext&, const Json& in) {
  const auto pool = b.pool_of(in);
  Group g;
  g.pool_id = pool->id;
  g.name = required_string(in, "GroupName");
  if (b.store().group(pool->id, g.name)) {
    throw errors::group_exists(g.name);
  }
  apply(g, in);
  g.created = g.last_modified;
  b.store().put_group(g);
  co_return Json{{"Group", group_json(g)}};
}

Result get_group(Backend& b, core::RequestContext&, const Json& in) {
  const auto pool = b.pool_of(in);
  co_return Json{{"Group", group_json(group_of(b, *pool, in))}};
}

Result list_groups(Backend& b, core::RequestContext&, const Json& in) {
  const auto pool = b.pool_of(in);
  co_return page<Group>(
      b.store().groups(pool->id), in, [](const Group& g) -> const std::string& { return g.name; },
      "Groups", group_json);
}

Result update_group(Backend& b, core::RequestContext&, const Json& in) {
  const auto pool = b.pool_of(in);
  Group g = group_of(b, *pool, in);
  apply(g, in);
  b.store().put_group(g);
  co_return Json{{"Group", group_json(g)}};
}

Result delete_group(Backend& b, core::RequestContext&, const Json& in) {
  const auto pool = b.pool_of(in);
  b.store().delete_group(pool->id, group_of(b, *pool, in).name);
  co_return Json::object();
}

Result admin_add_user_to_group(Backend& b, core::RequestContext&, const Json& in) {
  const auto pool = b.pool_of(in);
  const auto user = b.user(*pool, required_string(in, "Username"));
  b.store().add_member(pool->id, group_of(b, *pool, in).name, user.username);
  co_return Json::object();
}

Result admin_remove_user_from_group(Backend& b, core::RequestContext&, const Json& in) {
  const auto pool = b.pool_of(in);
  const auto user = b.user(*pool, required_string(in, "Username"));
  b.store().remove_member(pool->id, group_of(b, *pool, in).name, user.username);
  co_return Json::object();
}

Result admin_list_groups_for_user(Backend& b, core::RequestContext&, const Json& in) {
  const auto pool = b.pool_of(in);
  const auto user = b.user(*pool, required_string(in, "Username"));
  std::vector<Group> groups;
  for (const auto& name : b.store().groups_of(pool->id, user.username)) {
    if (auto g = b.store().group(pool->id, name)) {
      groups.push_back(std::move(*g));
    }
  }
  std::sort(groups.begin(), groups.end(),
            [](const Group& x, const Group& y) { return x.name < y.name; });
  co_return page<Group>(
      groups, in, [](const Group& g) -> const std::string& { return g.name; }, "Groups",
      group_json);
}

Result list_users_in_group(Backend& b, core::RequestContext&, const Json& in) {
  const auto pool = b.pool_of(in);
  const auto group = group_of(b, *pool, in);
  std::vector<User> users;
  for (const auto& name : b.store().members(pool->id, group.name)) {
    if (auto u = b.find_user(*pool, name)) {
      users.push_back(std::move(*u));
    }
  }
  co_return page<User>(
      users, in, [](const User& u) -> const std::string& { return u.username; }, "Users",
      [](const User& u) { return user_json(u, "Attributes"); });
}

}  // namespace preflight::cognito
