#include "emulator/common/ids.h"
#include "emulator/common/time_format.h"
#include "emulator/service/input.h"
#include "services/lambda/errors.h"
#include "services/lambda/operations.h"
#include "services/lambda/paging.h"

// Event source mappings: SQS queues and DynamoDB streams feeding a function.
namespace preflight::lambda {
namespace input = core::input;

namespace {

enum class Source { Queue, Stream };

Source source_of(const std::string& arn) {
  if (arn.starts_with("arn:aws:sqs:")) {
    return Source::Queue;
  }
  if (arn.starts_with("arn:aws:dynamodb:") && arn.find("/stream/") != std::string::npos) {
    return Source::Stream;
  }
  throw errors::invalid_parameter("Unsupported event source type: " + arn +
                                  ". Preflight maps SQS queues and DynamoDB streams.");
}

Mapping mapping_of(Backend& b, const Json& in) {
  const auto uuid = input::string(in, "UUID");
  auto m = uuid ? b.store().mapping(*uuid) : std::nullopt;
  if (!m) {
    throw errors::not_found("The resource you requested does not exist.");
  }
  return std::move(*m);
}

// The function a mapping names, checked to exist; its ARN as given (qualified or not).
std::string function_arn_for(Backend& b, Ctx& ctx, const std::string& name) {
  const auto ref = parse_function_ref(ctx, name);
  b.qualified_config(ref);
  return ref.qualified_arn();
}

void apply(Json& c, const Json& in, Source source) {
  if (auto n = input::integer(in, "BatchSize")) {
    const std::int64_t max = source == Source::Queue ? 10000 : 10000;
    if (*n < 1 || *n > max) {
      throw errors::invalid_parameter("BatchSize must be between 1 and " + std::to_string(max) +
                                      ".");
    }
    c["BatchSize"] = *n;
  }
  if (auto n = input::integer(in, "MaximumBatchingWindowInSeconds")) {
    if (*n < 0 || *n > 300) {
      throw errors::invalid_parameter("MaximumBatchingWindowInSeconds must be between 0 and 300.");
    }
    c["MaximumBatchingWindowInSeconds"] = *n;
  }
  if (source == Source::Queue && c.value("BatchSize", std::int64_t{10}) > 10 &&
      c.value("MaximumBatchingWindowInSeconds", std::int64_t{0}) < 1) {
    throw errors::invalid_parameter(
        "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater "
        "than 10");
  }
  if (const Json* types = input::array(in, "FunctionResponseTypes")) {
    for (const auto& t : *types) {
      if (t != "ReportBatchItemFailures") {
        throw errors::invalid_parameter("Unsupported FunctionResponseTypes: " + t.dump());
      }
    }
    c["FunctionResponseTypes"] = *types;
  }
  if (source == Source::Stream) {
    if (auto n = input::integer(in, "MaximumRetryAttempts")) {
      if (*n < -1 || *n > 10000) {
        throw errors::invalid_parameter("MaximumRetryAttempts must be between -1 and 10000.");
      }
      c["MaximumRetryAttempts"] = *n;
    }
    if (const Json* dc = input::object(in, "DestinationConfig")) {
      c["DestinationConfig"] = *dc;
    }
    if (auto bisect = input::boolean(in, "BisectBatchOnFunctionError")) {
      c["BisectBatchOnFunctionError"] = *bisect;
    }
  }
  if (const Json* filters = input::object(in, "FilterCriteria");
      filters != nullptr && !filters->value("Filters", Json::array()).empty()) {
    throw errors::invalid_parameter("FilterCriteria are not supported by Preflight yet.");
  }
  c["LastModified"] = static_cast<double>(unix_now_ms()) / 1000.0;
}

Json with_state(Json c, const char* state) {
  c["State"] = state;
  return c;
}

}  // namespace

Result create_event_source_mapping(Backend& b, Ctx& ctx, const Json& in) {
  const auto source_arn = input::string(in, "EventSourceArn");
  if (!source_arn) {
    throw errors::invalid_parameter("EventSourceArn is required.");
  }
  const Source source = source_of(*source_arn);
  const auto name = input::string(in, "FunctionName");
  if (!name) {
    throw core::errors::missing_parameter("FunctionName");
  }
  Mapping m;
  m.uuid = new_uuid();
  m.account_id = ctx.account_id;
  m.region = ctx.region;
  Json& c = m.config;
  c = Json{{"UUID", m.uuid},
           {"EventSourceArn", *source_arn},
           {"FunctionArn", function_arn_for(b, ctx, *name)},
           {"BatchSize", source == Source::Queue ? 10 : 100},
           {"MaximumBatchingWindowInSeconds", 0},
           {"StateTransitionReason", "USER_INITIATED"},
           {"FunctionResponseTypes", Json::array()},
           {"EventSourceMappingArn", "arn:aws:lambda:" + ctx.region + ":" + ctx.account_id +
                                         ":event-source-mapping:" + m.uuid}};
  if (source == Source::Stream) {
    const auto position = input::string(in, "StartingPosition");
    if (!position || (*position != "TRIM_HORIZON" && *position != "LATEST")) {
      throw errors::invalid_parameter(
          "StartingPosition must be TRIM_HORIZON or LATEST for a DynamoDB stream.");
    }
    c["StartingPosition"] = *position;
    c["MaximumRetryAttempts"] = -1;
    c["MaximumRecordAgeInSeconds"] = -1;
    c["BisectBatchOnFunctionError"] = false;
    c["ParallelizationFactor"] = 1;
    c["DestinationConfig"] = Json{{"OnFailure", Json::object()}};
  }
  apply(c, in, source);
  c["State"] = input::boolean(in, "Enabled").value_or(true) ? "Enabled" : "Disabled";
  b.store().put_mapping(m);
  b.sources().start(m.uuid);
  co_return with_state(c, c["State"] == "Enabled" ? "Creating" : "Disabled");
}

Result get_event_source_mapping(Backend& b, Ctx&, const Json& in) {
  co_return mapping_of(b, in).config;
}

Result update_event_source_mapping(Backend& b, Ctx& ctx, const Json& in) {
  Mapping m = mapping_of(b, in);
  Json& c = m.config;
  apply(c, in, source_of(c.value("EventSourceArn", "")));
  if (auto name = input::string(in, "FunctionName")) {
    c["FunctionArn"] = function_arn_for(b, ctx, *name);
  }
  if (auto enabled = input::boolean(in, "Enabled")) {
    c["State"] = *enabled ? "Enabled" : "Disabled";
  }
  b.store().put_mapping(m);
  b.sources().start(m.uuid);
  co_return with_state(c, "Updating");
}

Result delete_event_source_mapping(Backend& b, Ctx&, const Json& in) {
  Mapping m = mapping_of(b, in);
  b.store().delete_mapping(m.uuid);
  b.sources().start(m.uuid);  // finds it gone: the poller stops
  co_return with_state(m.config, "Deleting");
}

Result list_event_source_mappings(Backend& b, Ctx& ctx, const Json& in) {
  const auto source = input::string(in, "EventSourceArn");
  std::optional<FunctionRef> fn;
  if (auto name = input::string(in, "FunctionName")) {
    fn = parse_function_ref(ctx, *name);
  }
  std::vector<Json> out;
  for (auto& m : b.store().mappings()) {
    if (m.account_id != ctx.account_id || m.region != ctx.region ||
        (source && m.config.value("EventSourceArn", "") != *source)) {
      continue;
    }
    if (fn) {
      const auto mapped =
          parse_function_ref(m.account_id, m.region, m.config.value("FunctionArn", ""));
      if (mapped.name != fn->name ||
          (!fn->qualifier.empty() && mapped.qualifier != fn->qualifier)) {
        continue;
      }
    }
    out.push_back(std::move(m.config));
  }
  co_return page(std::move(out), in, "EventSourceMappings");
}

}  // namespace preflight::lambda
