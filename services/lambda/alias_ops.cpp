#include "emulator/common/ids.h"
#include "emulator/service/input.h"
#include "services/lambda/errors.h"
#include "services/lambda/operations.h"
#include "services/lambda/paging.h"

namespace preflight::lambda {
namespace input = core::input;

namespace {

FunctionRef function_of(Ctx& ctx, const Json& in) {
  auto ref = parse_function_ref(ctx, input::string(in, "FunctionName").value_or(""));
  ref.qualifier.clear();
  return ref;
}

std::string alias_name(const Json& in) {
  auto name = input::string(in, "Name");
  if (!name) {
    throw core::errors::missing_parameter("Name");
  }
  if (!valid_alias_name(*name)) {
    throw core::errors::validation(
        "1 validation error detected: Value '" + *name +
        "' at 'name' failed to satisfy constraint: Member must satisfy regular expression "
        "pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)");
  }
  return *name;
}

Json alias_of(Backend& b, const FunctionRef& ref, const std::string& name) {
  auto alias = b.store().alias(ref.account_id, ref.region, ref.name, name);
  if (!alias) {
    throw errors::alias_not_found(function_arn(ref.region, ref.account_id, ref.name, name));
  }
  return std::move(*alias);
}

// The version an alias points at must exist; weights go to one other published version.
void check_routing(Backend& b, const FunctionRef& ref, const Function& f,
                   const std::string& version, const Json& alias) {
  b.version_config(ref, f, version);
  const auto rc = alias.find("RoutingConfig");
  if (rc == alias.end() || !rc->contains("AdditionalVersionWeights")) {
    return;
  }
  const Json& weights = (*rc)["AdditionalVersionWeights"];
  if (!weights.is_object() || weights.size() > 1) {
    throw errors::invalid_parameter(
        "Number of items in AdditionalVersionWeights cannot be "
        "greater than 1");
  }
  for (const auto& [extra, weight] : weights.items()) {
    if (!weight.is_number() || weight.get<double>() < 0.0 || weight.get<double>() > 1.0) {
      throw core::errors::validation(
          "1 validation error detected: Value at 'routingConfig.additionalVersionWeights' "
          "failed to satisfy constraint: Map value must satisfy constraint: [Member must have "
          "value less than or equal to 1.0, Member must have value greater than or equal to "
          "0.0]");
    }
    if (extra == version) {
      throw errors::invalid_parameter("Invalid function version " + extra + ". Function version " +
                                      extra + " is already included in routing configuration.");
    }
    if (!is_version_number(extra) || version == kLatest) {
      throw errors::invalid_parameter(
          "$LATEST is not supported for an alias pointing to more than 1 version");
    }
    b.version_config(ref, f, extra);
  }
}

void apply(Json& alias, const Json& in) {
  if (auto v = input::string(in, "FunctionVersion")) {
    alias["FunctionVersion"] = *v;
  }
  if (auto d = input::string(in, "Description")) {
    alias["Description"] = *d;
  }
  if (const Json* rc = input::object(in, "RoutingConfig")) {
    const Json* weights = input::object(*rc, "AdditionalVersionWeights");
    if (weights == nullptr || weights->empty()) {
      alias.erase("RoutingConfig");
    } else {
      alias["RoutingConfig"] = Json{{"AdditionalVersionWeights", *weights}};
    }
  }
  alias["RevisionId"] = new_uuid();
}

}  // namespace

Result create_alias(Backend& b, Ctx& ctx, const Json& in) {
  const auto ref = function_of(ctx, in);
  const std::string name = alias_name(in);
  const Function f = b.function(ref);
  if (!input::string(in, "FunctionVersion")) {
    throw core::errors::missing_parameter("FunctionVersion");
  }
  if (b.store().alias(ref.account_id, ref.region, ref.name, name)) {
    throw errors::conflict("Alias already exists: " +
                           function_arn(ref.region, ref.account_id, ref.name, name));
  }
  Json alias{{"AliasArn", function_arn(ref.region, ref.account_id, ref.name, name)},
             {"Name", name},
             {"Description", ""}};
  apply(alias, in);
  check_routing(b, ref, f, alias["FunctionVersion"].get<std::string>(), alias);
  b.store().put_alias(ref.account_id, ref.region, ref.name, name, alias);
  co_return alias;
}

Result get_alias(Backend& b, Ctx& ctx, const Json& in) {
  const auto ref = function_of(ctx, in);
  b.function(ref);
  co_return alias_of(b, ref, alias_name(in));
}

Result update_alias(Backend& b, Ctx& ctx, const Json& in) {
  const auto ref = function_of(ctx, in);
  const std::string name = alias_name(in);
  const Function f = b.function(ref);
  Json alias = alias_of(b, ref, name);
  if (auto rev = input::string(in, "RevisionId"); rev && *rev != alias.value("RevisionId", "")) {
    throw errors::precondition_failed();
  }
  apply(alias, in);
  check_routing(b, ref, f, alias["FunctionVersion"].get<std::string>(), alias);
  b.store().put_alias(ref.account_id, ref.region, ref.name, name, alias);
  co_return alias;
}

Result delete_alias(Backend& b, Ctx& ctx, const Json& in) {
  const auto ref = function_of(ctx, in);
  b.function(ref);
  b.store().delete_alias(ref.account_id, ref.region, ref.name, alias_name(in));
  co_return Json::object();
}

Result list_aliases(Backend& b, Ctx& ctx, const Json& in) {
  const auto ref = function_of(ctx, in);
  b.function(ref);
  const auto version = input::string(in, "FunctionVersion");
  std::vector<Json> aliases;
  for (auto& alias : b.store().aliases(ref.account_id, ref.region, ref.name)) {
    if (!version || alias.value("FunctionVersion", "") == *version) {
      aliases.push_back(std::move(alias));
    }
  }
  co_return page(std::move(aliases), in, "Aliases");
}

}  // namespace preflight::lambda
