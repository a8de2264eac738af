#include "services/lambda/config.h"

#include <array>

#include "emulator/common/ids.h"
#include "emulator/common/time_format.h"
#include "emulator/service/aws_error.h"
#include "emulator/service/input.h"
#include "services/lambda/errors.h"
#include "services/lambda/runtimes.h"

namespace preflight::lambda {
namespace input = core::input;

namespace {

// Names a function's variables may not set (Lambda's reserved keys).
constexpr std::array kReservedVariables = {
    "_HANDLER",
    "_X_AMZN_TRACE_ID",
    "AWS_DEFAULT_REGION",
    "AWS_REGION",
    "AWS_EXECUTION_ENV",
    "AWS_LAMBDA_FUNCTION_NAME",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
    "AWS_LAMBDA_FUNCTION_VERSION",
    "AWS_LAMBDA_INITIALIZATION_TYPE",
    "AWS_LAMBDA_LOG_GROUP_NAME",
    "AWS_LAMBDA_LOG_STREAM_NAME",
    "AWS_ACCESS_KEY",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_LAMBDA_RUNTIME_API",
    "LAMBDA_TASK_ROOT",
    "LAMBDA_RUNTIME_DIR",
};

[[noreturn]] void constraint(std::string_view member, const std::string& value,
                             std::string_view rule) {
  throw core::errors::validation("1 validation error detected: Value '" + value + "' at '" +
                                 std::string(member) +
                                 "' failed to satisfy constraint: " + std::string(rule));
}

void set_runtime(Json& config, const Json& in) {
  if (auto runtime = input::string(in, "Runtime")) {
    if (!known_runtime(*runtime)) {
      constraint("runtime", *runtime,
                 "Member must satisfy enum value set: [python3.x, nodejs*, "
                 "provided, provided.al2, provided.al2023, ...]");
    }
    config["Runtime"] = *runtime;
  }
}

void set_number(Json& config, const Json& in, const char* member, const char* wire,
                std::int64_t low, std::int64_t high) {
  if (auto n = input::integer(in, member)) {
    if (*n < low || *n > high) {
      constraint(wire, std::to_string(*n),
                 "Member must have value " +
                     std::string(*n < low ? "greater than or equal to " + std::to_string(low)
                                          : "less than or equal to " + std::to_string(high)));
    }
    config[member] = *n;
  }
}

void set_environment(Json& config, const Json& in) {
  const Json* env = input::object(in, "Environment");
  if (env == nullptr) {
    return;
  }
  const Json* vars = input::object(*env, "Variables");
  Json out = Json::object();
  std::string reserved;
  std::size_t size = 0;
  if (vars != nullptr) {
    for (const auto& [k, v] : vars->items()) {
      if (!v.is_string()) {
        throw core::errors::serialization("Expected a string for environment variable " + k);
      }
      for (const char* r : kReservedVariables) {
        if (k == r) {
          reserved += (reserved.empty() ? "" : ", ") + k;
        }
      }
      size += k.size() + v.get<std::string>().size();
      out[k] = v;
    }
  }
  if (!reserved.empty()) {
    throw errors::invalid_parameter(
        "Lambda was unable to configure your environment variables because the environment "
        "variables you have provided contains reserved keys that are currently not supported "
        "for modification. Reserved keys used in this request: " +
        reserved);
  }
  if (size > 4096) {
    throw errors::invalid_parameter(
        "Lambda was unable to configure your environment variables because the environment "
        "variables you have provided exceeded the 4KB limit. String measured: " +
        out.dump());
  }
  if (out.empty()) {
    config.erase("Environment");
  } else {
    config["Environment"] = Json{{"Variables", std::move(out)}};
  }
}

void set_common(Json& config, const Json& in) {
  set_runtime(config, in);
  if (auto role = input::string(in, "Role")) {
    if (!role->starts_with("arn:")) {
      constraint("role", *role,
                 "Member must satisfy regular expression pattern: "
                 "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
    }
    config["Role"] = *role;
  }
  if (auto handler = input::string(in, "Handler")) {
    if (handler->empty() || handler->size() > 128) {
      constraint("handler", *handler, "Member must have length between 1 and 128");
    }
    config["Handler"] = *handler;
  }
  if (auto description = input::string(in, "Description")) {
    if (description->size() > 256) {
      constraint("description", *description, "Member must have length less than or equal to 256");
    }
    config["Description"] = *description;
  }
  set_number(config, in, "Timeout", "timeout", 1, 900);
  set_number(config, in, "MemorySize", "memorySize", 128, 10240);
  set_environment(config, in);
  if (const Json* layers = input::array(in, "Layers"); layers != nullptr && !layers->empty()) {
    throw errors::invalid_parameter(
        "Layers are not supported by Preflight: package the layer's contents in the function's "
        "zip.");
  }
  if (const Json* dlq = input::object(in, "DeadLetterConfig")) {
    if (auto target = input::string(*dlq, "TargetArn"); target && !target->empty()) {
      config["DeadLetterConfig"] = Json{{"TargetArn", *target}};
    } else {
      config.erase("DeadLetterConfig");
    }
  }
  if (const Json* tracing = input::object(in, "TracingConfig")) {
    config["TracingConfig"] =
        Json{{"Mode", input::string(*tracing, "Mode").value_or("PassThrough")}};
  }
  if (const Json* storage = input::object(in, "EphemeralStorage")) {
    set_number(config["EphemeralStorage"], *storage, "Size", "ephemeralStorage.size", 512, 10240);
  }
  if (const Json* logging = input::object(in, "LoggingConfig")) {
    for (const char* member : {"LogFormat", "ApplicationLogLevel", "SystemLogLevel", "LogGroup"}) {
      if (auto v = input::string(*logging, member)) {
        config["LoggingConfig"][member] = *v;
      }
    }
  }
  if (const Json* vpc = input::object(in, "VpcConfig")) {
    config["VpcConfig"] = Json{{"SubnetIds", vpc->value("SubnetIds", Json::array())},
                               {"SecurityGroupIds", vpc->value("SecurityGroupIds", Json::array())},
                               {"VpcId", ""}};
  }
  if (auto kms = input::string(in, "KMSKeyArn")) {
    config["KMSKeyArn"] = *kms;
  }
}

}  // namespace

std::string lambda_timestamp() {
  std::string t = iso8601_ms(unix_now_ms());
  if (!t.empty() && t.back() == 'Z') {
    t.pop_back();
  }
  return t + "+0000";
}

Json new_configuration(const FunctionRef& ref, const Json& in) {
  if (auto type = input::string(in, "PackageType"); type && *type != "Zip") {
    throw errors::invalid_parameter(
        "Container images (PackageType Image) are not supported by Preflight: package the "
        "function as a zip.");
  }
  Json config{{"FunctionName", ref.name},
              {"FunctionArn", ref.arn()},
              {"Description", ""},
              {"Timeout", 3},
              {"MemorySize", 128},
              {"Version", std::string(kLatest)},
              {"TracingConfig", {{"Mode", "PassThrough"}}},
              {"State", "Active"},
              {"LastUpdateStatus", "Successful"},
              {"PackageType", "Zip"},
              {"EphemeralStorage", {{"Size", 512}}},
              {"SnapStart", {{"ApplyOn", "None"}, {"OptimizationStatus", "Off"}}},
              {"LoggingConfig", {{"LogFormat", "Text"}, {"LogGroup", "/aws/lambda/" + ref.name}}}};
  config["Architectures"] = Json::array({"x86_64"});
  if (const Json* arch = input::array(in, "Architectures")) {
    if (arch->size() != 1 || !(*arch)[0].is_string() ||
        ((*arch)[0] != "x86_64" && (*arch)[0] != "arm64")) {
      constraint("architectures", arch->dump(),
                 "Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, "
                 "arm64]]");
    }
    config["Architectures"] = *arch;
  }
  set_common(config, in);
  if (!config.contains("Runtime") || !config.contains("Handler")) {
    throw errors::invalid_parameter(
        "Runtime and Handler are mandatory parameters for functions created with deployment "
        "packages.");
  }
  if (!config.contains("Role")) {
    throw core::errors::validation(
        "1 validation error detected: Value null at 'role' failed to satisfy constraint: Member "
        "must not be null");
  }
  return config;
}

void update_configuration(Json& config, const Json& in) {
  set_common(config, in);
  config["RevisionId"] = new_uuid();
  config["LastModified"] = lambda_timestamp();
}

void set_code(Json& config, std::string_view sha256, std::size_t size) {
  config["CodeSha256"] = std::string(sha256);
  config["CodeSize"] = size;
  config["RevisionId"] = new_uuid();
  config["LastModified"] = lambda_timestamp();
}

Json as_version(const Json& latest, std::int64_t version, const std::string& description) {
  Json v = latest;
  const std::string number = std::to_string(version);
  v["Version"] = number;
  v["FunctionArn"] = latest["FunctionArn"].get<std::string>() + ":" + number;
  v["Description"] = description;
  v["RevisionId"] = new_uuid();
  return v;
}

Json presented(Json config, const FunctionRef& ref) {
  if (!ref.qualifier.empty() && config.value("Version", "") == kLatest) {
    config["FunctionArn"] = ref.qualified_arn();
  }
  return config;
}

}  // namespace preflight::lambda
