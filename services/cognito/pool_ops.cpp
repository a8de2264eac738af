#include "emulator/common/crypto.h"
#include "emulator/common/ids.h"
#include "emulator/common/rsa_key.h"
#include "emulator/common/time_format.h"
#include "emulator/service/input.h"
#include "services/cognito/errors.h"
#include "services/cognito/operations.h"
#include "services/cognito/pool.h"

namespace preflight::cognito {
namespace {

Json describe(Backend& b, const Pool& pool) {
  const auto domain = b.store().domain_of_pool(pool.id);
  return describe_pool(pool, b.store().count_users(pool.id), domain ? domain->domain : "");
}

std::int64_t max_results(const Json& in, bool required) {
  const auto given = core::input::integer(in, "MaxResults");
  if (!given) {
    if (required) {
      throw errors::invalid_parameter(
          "1 validation error detected: Value null at 'maxResults' failed to satisfy constraint: "
          "Member must not be null");
    }
    return 60;
  }
  if (*given < 1 || *given > 60) {
    throw errors::invalid_parameter(
        "1 validation error detected: Value '" + std::to_string(*given) +
        "' at 'maxResults' failed to satisfy constraint: Member must have value less than or "
        "equal to 60");
  }
  return *given;
}

}  // namespace

Result create_user_pool(Backend& b, core::RequestContext& ctx, const Json& in) {
  Pool pool;
  pool.name = required_string(in, "PoolName");
  if (pool.name.empty() || pool.name.size() > 128) {
    throw errors::invalid_parameter("PoolName must be 1 to 128 characters long.");
  }
  pool.config = new_pool_config(in);
  pool.id = b.new_pool_id(ctx.region);
  pool.account_id = ctx.account_id;
  pool.region = ctx.region;
  // kid: like Cognito's, a base64 string naming the key; the key is the pool's alone.
  pool.kid = base64_encode(sha256(pool.id + new_uuid()));
  pool.key_pem = RsaKey::generate(pool.kid).private_pem();
  pool.created = pool.last_modified = unix_now();
  b.store().insert_pool(pool);
  co_return Json{{"UserPool", describe(b, pool)}};
}

Result describe_user_pool(Backend& b, core::RequestContext&, const Json& in) {
  co_return Json{{"UserPool", describe(b, *b.pool_of(in))}};
}

Result list_user_pools(Backend& b, core::RequestContext& ctx, const Json& in) {
  const auto limit = max_results(in, true);
  const auto token = core::input::string(in, "NextToken").value_or("");
  Json pools = Json::array();
  std::string next;
  for (const auto& pool : b.store().pools(ctx.account_id, ctx.region)) {
    if (pool.id < token) {
      continue;
    }
    if (static_cast<std::int64_t>(pools.size()) == limit) {
      next = pool.id;
      break;
    }
    pools.push_back({{"Id", pool.id},
                     {"Name", pool.name},
                     {"LambdaConfig", pool.config.value("LambdaConfig", Json::object())},
                     {"CreationDate", static_cast<double>(pool.created)},
                     {"LastModifiedDate", static_cast<double>(pool.last_modified)}});
  }
  Json out{{"UserPools", std::move(pools)}};
  if (!next.empty()) {
    out["NextToken"] = next;
  }
  co_return out;
}

Result update_user_pool(Backend& b, core::RequestContext&, const Json& in) {
  Pool pool = *b.pool_of(in);
  pool.config = updated_pool_config(pool.config, in);
  pool.last_modified = unix_now();
  b.store().update_pool(pool);
  b.forget_pool(pool.id);
  co_return Json::object();
}

Result delete_user_pool(Backend& b, core::RequestContext&, const Json& in) {
  const auto pool = b.pool_of(in);
  if (pool->config.value("DeletionProtection", "INACTIVE") == "ACTIVE") {
    throw errors::invalid_parameter(
        "The user pool cannot be deleted because deletion protection is activated. Deletion "
        "protection must be inactivated first.");
  }
  b.store().delete_pool(pool->id);
  b.forget_pool(pool->id);
  co_return Json::object();
}

}  // namespace preflight::cognito
