#include <algorithm>

#include "emulator/common/crypto.h"
#include "emulator/common/strings.h"
#include "emulator/service/input.h"
#include "services/lambda/code_upload.h"
#include "services/lambda/config.h"
#include "services/lambda/errors.h"
#include "services/lambda/operations.h"
#include "services/lambda/versions.h"

namespace preflight::lambda {
namespace input = core::input;

namespace {

std::string required(const Json& in, const char* member) {
  auto v = input::string(in, member);
  if (!v) {
    throw core::errors::missing_parameter(member);
  }
  return *v;
}

Json code_location(const Ctx& ctx, const Json& config) {
  const auto raw = base64_decode(config.value("CodeSha256", ""));
  return Json{
      {"RepositoryType", "S3"},
      {"Location", ctx.endpoint_url() + "/_preflight/lambda/code/" + to_hex(raw.value_or(""))}};
}

}  // namespace

Result create_function(Backend& b, Ctx& ctx, const Json& in) {
  const std::string name = required(in, "FunctionName");
  FunctionRef ref = parse_function_ref(ctx, name);
  if (!ref.qualifier.empty()) {
    throw errors::invalid_parameter("Unqualified function name expected: " + name);
  }
  Json config = new_configuration(ref, in);
  const Json* code_input = input::object(in, "Code");
  if (code_input == nullptr) {
    throw core::errors::missing_parameter("Code");
  }
  if (b.store().function(ref.account_id, ref.region, ref.name)) {
    throw errors::conflict("Function already exist: " + ref.name);
  }
  const UploadedCode code = co_await upload_code(b, *code_input);
  if (b.store().function(ref.account_id, ref.region, ref.name)) {  // created while unpacking
    throw errors::conflict("Function already exist: " + ref.name);
  }
  set_code(config, code.sha256, code.size);
  Function f;
  f.account_id = ref.account_id;
  f.region = ref.region;
  f.name = ref.name;
  f.latest = config;
  if (const Json* tags = input::object(in, "Tags")) {
    f.tags = *tags;
  }
  core::Transaction tx(b.store().db());
  b.store().insert_function(f);
  Json out = config;
  if (input::boolean(in, "Publish").value_or(false)) {
    out = publish(b, ref, f, std::nullopt);
  }
  tx.commit();
  // As on AWS, the answer says Pending; GetFunction shows Active (the code is already unpacked).
  out["State"] = "Pending";
  out["StateReason"] = "The function is being created.";
  out["StateReasonCode"] = "Creating";
  co_return out;
}

Result get_function(Backend& b, Ctx& ctx, const Json& in) {
  const auto ref =
      parse_function_ref(ctx, required(in, "FunctionName"), input::string(in, "Qualifier"));
  const Function f = b.function(ref);
  Json config = presented(b.qualified_config(ref), ref);
  Json out{{"Configuration", config}, {"Code", code_location(ctx, config)}};
  if (!f.tags.empty()) {
    out["Tags"] = f.tags;
  }
  if (f.reserved_concurrency) {
    out["Concurrency"] = Json{{"ReservedConcurrentExecutions", *f.reserved_concurrency}};
  }
  co_return out;
}

Result get_function_configuration(Backend& b, Ctx& ctx, const Json& in) {
  const auto ref =
      parse_function_ref(ctx, required(in, "FunctionName"), input::string(in, "Qualifier"));
  co_return presented(b.qualified_config(ref), ref);
}

Result list_functions(Backend& b, Ctx& ctx, const Json& in) {
  const auto max = input::integer(in, "MaxItems").value_or(50);
  if (max < 1 || max > 10000) {
    throw errors::invalid_parameter("MaxItems must be between 1 and 10000.");
  }
  const bool all_versions = input::string(in, "FunctionVersion").value_or("") == "ALL";
  const std::string marker = input::string(in, "Marker").value_or("");
  auto functions =
      b.store().list_functions(ctx.account_id, ctx.region, marker, static_cast<int>(max) + 1);
  Json list = Json::array();
  std::string last;
  for (std::size_t i = 0; i < functions.size() && i < static_cast<std::size_t>(max); ++i) {
    const auto& f = functions[i];
    list.push_back(f.latest);
    if (all_versions) {
      for (auto& v : b.store().versions(f.account_id, f.region, f.name)) {
        list.push_back(std::move(v));
      }
    }
    last = f.name;
  }
  Json out{{"Functions", std::move(list)}};
  if (functions.size() > static_cast<std::size_t>(max)) {
    out["NextMarker"] = last;
  }
  co_return out;
}

Result delete_function(Backend& b, Ctx& ctx, const Json& in) {
  const auto ref =
      parse_function_ref(ctx, required(in, "FunctionName"), input::string(in, "Qualifier"));
  b.function(ref);
  core::Transaction tx(b.store().db());
  if (ref.qualifier.empty()) {
    b.store().delete_function(ref.account_id, ref.region, ref.name);
  } else if (ref.qualifier == kLatest) {
    throw errors::invalid_parameter(
        "$LATEST version cannot be deleted without deleting the "
        "function.");
  } else if (!is_version_number(ref.qualifier)) {
    throw errors::invalid_parameter("Deletion of aliases is not currently supported.");
  } else {
    for (const auto& alias : b.store().aliases(ref.account_id, ref.region, ref.name)) {
      if (alias.value("FunctionVersion", "") == ref.qualifier) {
        throw errors::conflict(
            "Unable to delete version because the following aliases are "
            "pointing to it: [" +
            alias.value("Name", "") + "]");
      }
    }
    if (!b.store().delete_version(ref.account_id, ref.region, ref.name,
                                  std::stoll(ref.qualifier))) {
      throw errors::function_not_found(ref.qualified_arn());
    }
  }
  b.store().delete_unused_code();
  tx.commit();
  b.changed(ref);
  co_return Json::object();
}

}  // namespace preflight::lambda
