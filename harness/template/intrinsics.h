#pragma once

#include <map>
#include <set>
#include <string>

#include "emulator/common/json.h"
#include "harness/template/template.h"

namespace preflight::harness {

// What Ref and Fn::GetAtt of a resource give: known once the resource is deployed.
class References {
 public:
  virtual ~References() = default;
  // `name` may carry a SAM suffix (Fn.Alias, Fn.Version, Api.Deployment, Api.Stage).
  virtual Json ref(const std::string& name) const = 0;
  virtual Json get_att(const std::string& name, const std::string& attribute) const = 0;
};

// Evaluates CloudFormation's intrinsic functions: Ref, Fn::Sub, Fn::GetAtt, Fn::Join, Fn::If,
// Fn::Select, Fn::Split, Fn::FindInMap, Fn::Base64, Fn::Equals/Not/And/Or, Condition, and
// Fn::Transform AWS::Include. Anything else is a TemplateError naming the place.
class Evaluator {
 public:
  // `pseudo` holds AWS::Region, AWS::AccountId, AWS::StackName and friends.
  Evaluator(const Template& t, std::map<std::string, std::string> pseudo, const References& refs);

  // The node with every intrinsic function replaced by its value; keys whose value is
  // AWS::NoValue are dropped. `where` names the node in errors ("Resources.Fn.Properties").
  Json eval(const Json& node, const std::string& where) const;
  // The value of Conditions.NAME.
  bool condition(const std::string& name) const;

 private:
  Json eval_function(const std::string& name, const Json& arg, const std::string& where) const;
  Json ref(const std::string& name, const std::string& where) const;
  Json sub(const Json& arg, const std::string& where) const;
  Json include(const Json& arg, const std::string& where) const;
  bool truth(const Json& node, const std::string& where) const;

  const Template& template_;
  std::map<std::string, std::string> pseudo_;
  const References& refs_;
  mutable std::map<std::string, bool> conditions_;
  mutable std::set<std::string> evaluating_;  // conditions being evaluated (cycle check)
};

// The logical ids a node refers to (Ref, Fn::GetAtt, ${Name} and ${Name.Attr} in Fn::Sub),
// without SAM suffixes and pseudo parameters: what orders deployment and what must exist.
void collect_references(const Json& node, std::set<std::string>& out);

// The ${...} names in a Fn::Sub string (not ${!literal}).
std::set<std::string> sub_variables(std::string_view text);

}  // namespace preflight::harness
