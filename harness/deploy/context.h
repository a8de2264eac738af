#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <string_view>

#include "emulator/common/json.h"
#include "harness/client/aws_client.h"
#include "harness/template/intrinsics.h"

namespace preflight::harness {

// What a deployed resource answers to Ref, Fn::GetAtt and SAM's suffixed refs (Fn.Alias).
struct Deployed {
  Json ref;
  Json attributes = Json::object();
  Json suffixes = Json::object();  // "Alias" -> alias ARN, "Deployment" -> deployment id, ...
};

// The state of one deploy: the client, the template, what is deployed so far (which is what
// Ref and Fn::GetAtt resolve to) and where progress lines go.
class DeployContext : public References {
 public:
  DeployContext(const AwsClient& aws, const Template& t, std::string stack, std::ostream& progress);

  Json ref(const std::string& name) const override;
  Json get_att(const std::string& name, const std::string& attribute) const override;

  // Evaluates a node of the template (intrinsics resolved against what is deployed).
  Json eval(const Json& node, const std::string& where) const {
    return evaluator_.eval(node, where);
  }
  const Evaluator& evaluator() const { return evaluator_; }

  // One progress line: "  Logical (Type): what".
  void report(const std::string& id, std::string_view what) const;

  // The resource's name: `explicit_name` when the template gives one, else STACK-LogicalId cut to
  // max_length (names must be stable so that a redeploy finds what the last one made).
  std::string physical_name(const std::string& id, const Json& explicit_name,
                            std::size_t max_length) const;

  const AwsClient& aws;
  const Template& tmpl;
  const std::string stack;
  std::map<std::string, Deployed> deployed;
  std::string account;
  std::string region;
  Json stage_urls = Json::object();  // stage name -> invoke URL, for the deploy's report

 private:
  std::ostream& progress_;
  Evaluator evaluator_;
};

// Tags the harness puts on what it deploys, so promote and rollback find a stack's functions
// and APIs through the AWS APIs alone.
inline constexpr std::string_view kStackTag = "preflight:stack";
inline constexpr std::string_view kLogicalIdTag = "preflight:logical-id";
inline constexpr std::string_view kAliasTag = "preflight:alias";
inline constexpr std::string_view kDefinitionTag = "preflight:definition-sha256";
inline constexpr std::string_view kSourceStageTag = "preflight:source-stage";

// A stable digest of a JSON value (what changed-or-not decisions compare).
std::string json_digest(const Json& value);

// The value of `key` in an object, or null.
const Json& field(const Json& object, std::string_view key);
// A number property, written as a number or (CloudFormation allows it) a numeric string; the
// fallback when absent. Throws TemplateError for anything else.
std::int64_t integer_property(const Json& props, std::string_view key, std::int64_t fallback);
// A boolean property, true/false or "true"/"false".
bool boolean_property(const Json& props, std::string_view key);

// The value of `key` when it is an object, else an empty object (for tag maps an API may omit).
const Json& object_field(const Json& object, std::string_view key);

}  // namespace preflight::harness
