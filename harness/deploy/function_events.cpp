#include "harness/deploy/function_events.h"

#include <map>
#include <set>

namespace preflight::harness {

namespace {

struct EventKind {
  std::string_view source_key;  // the property naming the event source ARN
  std::set<std::string_view> properties;
};

const std::map<std::string, EventKind>& event_kinds() {
  static const std::map<std::string, EventKind> kinds = {
      {"SQS",
       {"Queue",
        {"Queue", "BatchSize", "Enabled", "FunctionResponseTypes", "MaximumBatchingWindowInSeconds",
         "ScalingConfig"}}},
      {"DynamoDB",
       {"Stream",
        {"Stream", "StartingPosition", "BatchSize", "Enabled", "FunctionResponseTypes",
         "MaximumBatchingWindowInSeconds", "MaximumRetryAttempts", "BisectBatchOnFunctionError",
         "MaximumRecordAgeInSeconds", "ParallelizationFactor", "TumblingWindowInSeconds"}}},
      {"Api", {"", {"RestApiId", "Path", "Method", "Auth", "RequestParameters"}}},
  };
  return kinds;
}

}  // namespace

void check_function_events(const std::string& id, const Json& events) {
  if (events.is_null()) {
    return;
  }
  for (const auto& [name, event] : events.items()) {
    const std::string where = "Resources." + id + ".Properties.Events." + name;
    const std::string type = event.value("Type", "");
    auto kind = event_kinds().find(type);
    if (kind == event_kinds().end()) {
      throw TemplateError(where + ": event type '" + type +
                          "' is not supported (SQS, DynamoDB and Api are)");
    }
    const Json props = event.value("Properties", Json::object());
    for (const auto& [key, value] : props.items()) {
      if (!kind->second.properties.contains(key)) {
        throw TemplateError(where + ".Properties." + key + " is not supported for " + type +
                            " events");
      }
    }
    if (type == "Api" && !props.contains("RestApiId")) {
      throw TemplateError(where +
                          ": an Api event needs RestApiId naming an AWS::Serverless::Api with a "
                          "definition (SAM's implicit API is not supported)");
    }
    if (!kind->second.source_key.empty() && !props.contains(kind->second.source_key)) {
      throw TemplateError(where + ": " + type + " events need " +
                          std::string(kind->second.source_key));
    }
  }
}

void deploy_function_events(DeployContext& c, const Json& props, const std::string& target,
                            std::vector<std::string>& changes) {
  for (const auto& [name, event] : field(props, "Events").items()) {
    const std::string type = event.value("Type", "");
    if (type == "Api") {
      continue;  // the API's OpenAPI definition routes to the function
    }
    const auto& kind = event_kinds().at(type);
    Json settings = event.value("Properties", Json::object());
    const std::string source = settings[kind.source_key].get<std::string>();
    settings.erase(std::string(kind.source_key));
    settings["EventSourceArn"] = source;
    settings["FunctionName"] = target;
    const Json listed = c.aws.rest("lambda", "GET", "/2015-03-31/event-source-mappings", nullptr,
                                   {{"EventSourceArn", source}, {"FunctionName", target}});
    const Json& mappings = field(listed, "EventSourceMappings");
    if (mappings.empty()) {
      c.aws.rest("lambda", "POST", "/2015-03-31/event-source-mappings", settings);
      changes.push_back("event " + name + " mapped");
      continue;
    }
    const Json& mapping = mappings[0];
    Json update = Json::object();
    for (const auto& [key, value] : settings.items()) {
      if (key == "EventSourceArn" || key == "StartingPosition" || key == "FunctionName") {
        continue;
      }
      if (key == "Enabled") {
        const bool enabled = mapping.value("State", "Enabled") != "Disabled";
        if (value.is_boolean() && value.get<bool>() != enabled) {
          update[key] = value;
        }
      } else if (field(mapping, key) != value) {
        update[key] = value;
      }
    }
    if (!update.empty()) {
      c.aws.rest(
          "lambda", "PUT",
          "/2015-03-31/event-source-mappings/" + AwsClient::segment(mapping.value("UUID", "")),
          update);
      changes.push_back("event " + name + " updated");
    }
  }
}

}  // namespace preflight::harness
