#include "emulator/service/input.h"
#include "services/lambda/config.h"
#include "services/lambda/errors.h"
#include "services/lambda/operations.h"
#include "services/lambda/paging.h"
#include "services/lambda/versions.h"

namespace preflight::lambda {
namespace input = core::input;

namespace {

// What makes two configurations the same code and settings (PublishVersion's no-op check).
Json publishable(Json config) {
  for (const char* member : {"Version", "FunctionArn", "RevisionId", "LastModified", "Description",
                             "State", "StateReason", "StateReasonCode", "LastUpdateStatus",
                             "LastUpdateStatusReason", "LastUpdateStatusReasonCode"}) {
    config.erase(member);
  }
  return config;
}

}  // namespace

Json publish(Backend& b, const FunctionRef& ref, Function& f,
             const std::optional<std::string>& description) {
  if (f.next_version > 1) {
    if (auto newest = b.store().version(ref.account_id, ref.region, ref.name, f.next_version - 1)) {
      if (publishable(*newest) == publishable(f.latest)) {
        return *newest;
      }
    }
  }
  const std::int64_t number = f.next_version++;
  // Without a description of its own, a version keeps $LATEST's (as on AWS).
  Json version =
      as_version(f.latest, number, description.value_or(f.latest.value("Description", "")));
  b.store().insert_version(ref.account_id, ref.region, ref.name, number, version);
  b.store().update_function(f);
  return version;
}

Result publish_version(Backend& b, Ctx& ctx, const Json& in) {
  const auto ref = parse_function_ref(ctx, input::string(in, "FunctionName").value_or(""));
  Function f = b.function(ref);
  if (auto sha = input::string(in, "CodeSha256"); sha && *sha != f.latest.value("CodeSha256", "")) {
    throw errors::invalid_parameter(
        "CodeSHA256 (" + *sha + ") is different from current CodeSHA256 in $LATEST (" +
        f.latest.value("CodeSha256", "") + "). Please try again with the current CodeSHA256.");
  }
  if (auto rev = input::string(in, "RevisionId"); rev && *rev != f.latest.value("RevisionId", "")) {
    throw errors::precondition_failed();
  }
  core::Transaction tx(b.store().db());
  Json version = publish(b, ref, f, input::string(in, "Description"));
  tx.commit();
  co_return version;
}

Result list_versions_by_function(Backend& b, Ctx& ctx, const Json& in) {
  const auto ref = parse_function_ref(ctx, input::string(in, "FunctionName").value_or(""));
  const Function f = b.function(ref);
  std::vector<Json> all;
  Json latest = f.latest;
  latest["FunctionArn"] = function_arn(ref.region, ref.account_id, ref.name, kLatest);
  all.push_back(std::move(latest));
  for (auto& v : b.store().versions(ref.account_id, ref.region, ref.name)) {
    all.push_back(std::move(v));
  }
  co_return page(std::move(all), in, "Versions");
}

}  // namespace preflight::lambda
