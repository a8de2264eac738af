#pragma once

#include <ostream>
#include <string>

#include "emulator/common/json.h"
#include "harness/client/aws_client.h"
#include "harness/template/template.h"

namespace preflight::harness {

// Checks a whole template before anything is deployed: every resource type, property, event,
// reference (Ref, Fn::GetAtt and its attribute, ${} in Fn::Sub), condition and DependsOn.
// Throws TemplateError naming the first problem.
void check_template(const Template& t);

// Creates or updates every resource of the template as stack `stack`, in dependency order,
// printing one line per resource to `progress`. Idempotent: a second deploy of the same template
// changes nothing. Returns {"Stack", "Outputs": {name: value}, "Stages": {stage: invoke URL}}.
Json deploy_stack(const AwsClient& aws, const Template& t, const std::string& stack,
                  std::ostream& progress);

}  // namespace preflight::harness
