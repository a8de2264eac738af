#include "harness/deploy/context.h"

#include "emulator/common/crypto.h"
#include "emulator/common/strings.h"

namespace preflight::harness {

namespace {

std::map<std::string, std::string> pseudo_parameters(const AwsClient& aws,
                                                     const std::string& stack) {
  const std::string& account = aws.account_id();
  const std::string& region = aws.target().region;
  return {{"AWS::AccountId", account},
          {"AWS::Region", region},
          {"AWS::StackName", stack},
          {"AWS::StackId",
           "arn:aws:cloudformation:" + region + ":" + account + ":stack/" + stack + "/preflight"},
          {"AWS::Partition", "aws"},
          {"AWS::URLSuffix", "amazonaws.com"}};
}

}  // namespace

DeployContext::DeployContext(const AwsClient& aws, const Template& t, std::string stack,
                             std::ostream& progress)
    : aws(aws),
      tmpl(t),
      stack(std::move(stack)),
      account(aws.account_id()),
      region(aws.target().region),
      progress_(progress),
      evaluator_(t, pseudo_parameters(aws, this->stack), *this) {}

Json DeployContext::ref(const std::string& name) const {
  const auto dot = name.find('.');
  const std::string id = name.substr(0, dot);
  auto it = deployed.find(id);
  if (it == deployed.end()) {
    throw TemplateError("Ref " + name + ": " + id + " is not deployed (a skipped condition?)");
  }
  if (dot == std::string::npos) {
    return it->second.ref;
  }
  const std::string suffix = name.substr(dot + 1);
  if (!it->second.suffixes.contains(suffix)) {
    throw TemplateError("Ref " + name + ": " + id + " has no generated resource " + suffix);
  }
  return it->second.suffixes[suffix];
}

Json DeployContext::get_att(const std::string& name, const std::string& attribute) const {
  auto it = deployed.find(name);
  if (it == deployed.end()) {
    throw TemplateError("Fn::GetAtt " + name + "." + attribute + ": " + name +
                        " is not deployed (a skipped condition?)");
  }
  if (!it->second.attributes.contains(attribute)) {
    throw TemplateError("Fn::GetAtt " + name + "." + attribute + ": no such attribute");
  }
  return it->second.attributes[attribute];
}

void DeployContext::report(const std::string& id, std::string_view what) const {
  const std::string type = tmpl.body["Resources"][id].value("Type", "");
  progress_ << "  " << id << " (" << type << "): " << what << "\n" << std::flush;
}

std::string DeployContext::physical_name(const std::string& id, const Json& explicit_name,
                                         std::size_t max_length) const {
  if (explicit_name.is_string()) {
    return explicit_name.get<std::string>();
  }
  return (stack + "-" + id).substr(0, max_length);
}

std::string json_digest(const Json& value) {
  return sha256_hex(value.dump());
}

const Json& field(const Json& object, std::string_view key) {
  static const Json null;
  if (!object.is_object()) {
    return null;
  }
  auto it = object.find(key);
  return it == object.end() ? null : *it;
}

std::int64_t integer_property(const Json& props, std::string_view key, std::int64_t fallback) {
  const Json& value = field(props, key);
  if (value.is_null()) {
    return fallback;
  }
  if (value.is_number_integer()) {
    return value.get<std::int64_t>();
  }
  if (value.is_string() && is_all_digits(value.get<std::string>()) &&
      !value.get<std::string>().empty() && value.get<std::string>().size() < 18) {
    return std::stoll(value.get<std::string>());
  }
  throw TemplateError(std::string(key) + ": expected a whole number, got " + value.dump());
}

bool boolean_property(const Json& props, std::string_view key) {
  const Json& value = field(props, key);
  return value == true || value == "true";
}

const Json& object_field(const Json& object, std::string_view key) {
  static const Json empty = Json::object();
  const Json& value = field(object, key);
  return value.is_object() ? value : empty;
}

}  // namespace preflight::harness
