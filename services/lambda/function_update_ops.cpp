#include "emulator/service/input.h"
#include "services/lambda/code_upload.h"
#include "services/lambda/config.h"
#include "services/lambda/errors.h"
#include "services/lambda/operations.h"
#include "services/lambda/versions.h"

namespace preflight::lambda {
namespace input = core::input;

namespace {

void check_revision(const Json& in, const Json& config) {
  if (auto rev = input::string(in, "RevisionId"); rev && *rev != config.value("RevisionId", "")) {
    throw errors::precondition_failed();
  }
}

// As on AWS, an update's answer says InProgress; GetFunction then shows Successful.
Json in_progress(Json config) {
  config["LastUpdateStatus"] = "InProgress";
  config["LastUpdateStatusReason"] = "The function is being created.";
  config["LastUpdateStatusReasonCode"] = "Creating";
  return config;
}

}  // namespace

Result update_function_code(Backend& b, Ctx& ctx, const Json& in) {
  const auto ref = parse_function_ref(ctx, input::string(in, "FunctionName").value_or(""));
  Function f = b.function(ref);
  check_revision(in, f.latest);
  if (const Json* arch = input::array(in, "Architectures")) {
    f.latest["Architectures"] = *arch;
  }
  if (input::boolean(in, "DryRun").value_or(false)) {
    co_return f.latest;
  }
  const UploadedCode code = co_await upload_code(b, in);
  f = b.function(ref);  // it may have changed while the code was unpacked
  set_code(f.latest, code.sha256, code.size);
  core::Transaction tx(b.store().db());
  b.store().update_function(f);
  Json out = f.latest;
  if (input::boolean(in, "Publish").value_or(false)) {
    out = publish(b, ref, f, std::nullopt);
  }
  b.store().delete_unused_code();
  tx.commit();
  b.changed(ref);
  co_return in_progress(std::move(out));
}

Result update_function_configuration(Backend& b, Ctx& ctx, const Json& in) {
  const auto ref = parse_function_ref(ctx, input::string(in, "FunctionName").value_or(""));
  Function f = b.function(ref);
  check_revision(in, f.latest);
  update_configuration(f.latest, in);
  b.store().update_function(f);
  b.changed(ref);
  co_return in_progress(f.latest);
}

}  // namespace preflight::lambda
