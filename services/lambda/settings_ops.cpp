#include "emulator/service/input.h"
#include "services/lambda/errors.h"
#include "services/lambda/operations.h"

// Reserved concurrency, tags and account settings.
namespace preflight::lambda {
namespace input = core::input;

namespace {

FunctionRef unqualified(Ctx& ctx, const Json& in, const char* member = "FunctionName") {
  auto ref = parse_function_ref(ctx, input::string(in, member).value_or(""));
  if (!ref.qualifier.empty()) {
    throw errors::invalid_parameter("This operation takes an unqualified function name or ARN.");
  }
  return ref;
}

}  // namespace

Result put_function_concurrency(Backend& b, Ctx& ctx, const Json& in) {
  const auto ref = unqualified(ctx, in);
  Function f = b.function(ref);
  const auto n = input::integer(in, "ReservedConcurrentExecutions");
  if (!n) {
    throw core::errors::missing_parameter("ReservedConcurrentExecutions");
  }
  const auto limit = std::stoll(b.env().config.option("lambda.concurrency", "32"));
  if (*n < 0 || *n > limit) {
    throw errors::invalid_parameter(
        "Specified ReservedConcurrentExecutions for function decreases account's "
        "UnreservedConcurrentExecution below its minimum value of [0].");
  }
  f.reserved_concurrency = *n;
  b.store().update_function(f);
  co_return Json{{"ReservedConcurrentExecutions", *n}};
}

Result get_function_concurrency(Backend& b, Ctx& ctx, const Json& in) {
  const Function f = b.function(unqualified(ctx, in));
  if (!f.reserved_concurrency) {
    co_return Json::object();
  }
  co_return Json{{"ReservedConcurrentExecutions", *f.reserved_concurrency}};
}

Result delete_function_concurrency(Backend& b, Ctx& ctx, const Json& in) {
  Function f = b.function(unqualified(ctx, in));
  f.reserved_concurrency.reset();
  b.store().update_function(f);
  co_return Json::object();
}

Result tag_resource(Backend& b, Ctx& ctx, const Json& in) {
  Function f = b.function(unqualified(ctx, in, "Resource"));
  const Json* tags = input::object(in, "Tags");
  if (tags == nullptr) {
    throw core::errors::missing_parameter("Tags");
  }
  for (const auto& [k, v] : tags->items()) {
    if (!v.is_string()) {
      throw core::errors::serialization("Expected a string for tag " + k);
    }
    f.tags[k] = v;
  }
  b.store().update_function(f);
  co_return Json::object();
}

Result untag_resource(Backend& b, Ctx& ctx, const Json& in) {
  Function f = b.function(unqualified(ctx, in, "Resource"));
  if (const Json* keys = input::array(in, "TagKeys")) {
    for (const auto& k : *keys) {
      if (k.is_string()) {
        f.tags.erase(k.get<std::string>());
      }
    }
  }
  b.store().update_function(f);
  co_return Json::object();
}

Result list_tags(Backend& b, Ctx& ctx, const Json& in) {
  const Function f = b.function(unqualified(ctx, in, "Resource"));
  co_return Json{{"Tags", f.tags}};
}

Result get_account_settings(Backend& b, Ctx& ctx, const Json&) {
  std::int64_t count = 0;
  std::int64_t code_size = 0;
  for (const auto& f : b.store().list_functions(ctx.account_id, ctx.region, "", 1 << 30)) {
    ++count;
    code_size += f.latest.value("CodeSize", std::int64_t{0});
  }
  const auto limit = std::stoll(b.env().config.option("lambda.concurrency", "32"));
  co_return Json{{"AccountLimit",
                  {{"TotalCodeSize", 80530636800},
                   {"CodeSizeUnzipped", 262144000},
                   {"CodeSizeZipped", 52428800},
                   {"ConcurrentExecutions", limit},
                   {"UnreservedConcurrentExecutions", limit}}},
                 {"AccountUsage", {{"TotalCodeSize", code_size}, {"FunctionCount", count}}}};
}

}  // namespace preflight::lambda
