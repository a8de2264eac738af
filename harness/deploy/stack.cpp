#include "harness/deploy/stack.h"

#include <chrono>
#include <map>
#include <set>

#include "harness/deploy/function_events.h"
#include "harness/deploy/resource_type.h"

namespace preflight::harness {

namespace {

const Json& resources(const Template& t) {
  return t.body["Resources"];
}

// Every (resource, attribute) pair the node asks Fn::GetAtt (and ${A.B} in Fn::Sub) for.
void collect_attributes(const Json& node, std::set<std::pair<std::string, std::string>>& out) {
  if (node.is_object() && node.size() == 1) {
    const std::string& key = node.begin().key();
    const Json& arg = node.begin().value();
    if (key == "Fn::GetAtt" && arg.is_array() && arg.size() == 2 && arg[0].is_string() &&
        arg[1].is_string()) {
      out.emplace(arg[0].get<std::string>(), arg[1].get<std::string>());
      return;
    }
    if (key == "Fn::Sub") {
      const Json& text = arg.is_array() && !arg.empty() ? arg[0] : arg;
      const Json locals = arg.is_array() && arg.size() > 1 ? arg[1] : Json::object();
      if (text.is_string()) {
        for (const auto& name : sub_variables(text.get<std::string>())) {
          const auto dot = name.find('.');
          if (dot != std::string::npos && !name.starts_with("AWS::") && !locals.contains(name)) {
            out.emplace(name.substr(0, dot), name.substr(dot + 1));
          }
        }
      }
    }
  }
  if (node.is_structured()) {
    for (const auto& child : node) {
      collect_attributes(child, out);
    }
  }
}

void check_references(const Template& t, const Json& node, const std::string& where) {
  const Json& params = t.body.value("Parameters", Json::object());
  std::set<std::string> names;
  collect_references(node, names);
  for (const auto& name : names) {
    if (!resources(t).contains(name) && !params.contains(name)) {
      throw TemplateError(where + ": refers to '" + name +
                          "', which is no parameter or resource of the template");
    }
  }
  std::set<std::pair<std::string, std::string>> attributes;
  collect_attributes(node, attributes);
  for (const auto& [name, attribute] : attributes) {
    if (!resources(t).contains(name)) {
      throw TemplateError(where + ": Fn::GetAtt " + name + "." + attribute +
                          ": no resource of that name");
    }
    const auto* type = find_resource_type(resources(t)[name].value("Type", ""));
    if (type && !type->attributes.contains(attribute)) {
      throw TemplateError(where + ": Fn::GetAtt " + name + "." + attribute + ": " +
                          std::string(type->name) + " has no attribute " + attribute);
    }
  }
}

std::vector<std::string> depends_on(const Json& resource) {
  std::vector<std::string> out;
  const Json& d = field(resource, "DependsOn");
  for (const auto& name : d.is_array() ? d : Json::array({d})) {
    if (name.is_string()) {
      out.push_back(name.get<std::string>());
    }
  }
  return out;
}

// Resource ids so that each comes after everything it refers to or depends on.
std::vector<std::string> deployment_order(const Template& t) {
  std::map<std::string, std::set<std::string>> needs;
  for (const auto& [id, resource] : resources(t).items()) {
    std::set<std::string> refs;
    collect_references(field(resource, "Properties"), refs);
    for (const auto& dep : depends_on(resource)) {
      refs.insert(dep);
    }
    for (const auto& ref : refs) {
      if (resources(t).contains(ref) && ref != id) {
        needs[id].insert(ref);
      }
    }
    needs[id];
  }
  std::vector<std::string> order;
  std::set<std::string> done;
  while (order.size() < needs.size()) {
    bool progressed = false;
    for (const auto& [id, deps] : needs) {
      if (done.contains(id)) {
        continue;
      }
      bool ready = true;
      for (const auto& dep : deps) {
        ready = ready && done.contains(dep);
      }
      if (ready) {
        order.push_back(id);
        done.insert(id);
        progressed = true;
      }
    }
    if (!progressed) {
      std::string cycle;
      for (const auto& [id, deps] : needs) {
        if (!done.contains(id)) {
          cycle += (cycle.empty() ? "" : ", ") + id;
        }
      }
      throw TemplateError("Resources refer to each other in a cycle: " + cycle);
    }
  }
  return order;
}

// Properties accepted (templates also deploy to AWS) whose effect Preflight does not emulate:
// the deploy says so rather than passing over them in silence.
struct NotEmulated {
  std::string_view property;
  std::string_view type;  // "" = any resource type
  std::string_view why;
};
const NotEmulated kNotEmulated[] = {
    {"Policies", "AWS::Serverless::Function", "IAM is not enforced"},
    {"Tracing", "", "X-Ray is not emulated"},
    {"TracingEnabled", "", "X-Ray is not emulated"},
    {"Architectures", "", "code runs on this machine's architecture"},
    {"SSESpecification", "", "encryption at rest is not emulated"},
    {"KmsMasterKeyId", "", "encryption at rest is not emulated"},
    {"EndpointConfiguration", "", "every API is served at the emulator's endpoint"},
};

void report_not_emulated(DeployContext& c, const std::string& id, std::string_view type,
                         const Json& props) {
  std::string what;
  for (const auto& n : kNotEmulated) {
    if (props.contains(n.property) && (n.type.empty() || n.type == type)) {
      what += (what.empty() ? "" : "; ") + std::string(n.property) + ": " + std::string(n.why);
    }
  }
  if (!what.empty()) {
    c.report(id, "accepted, not emulated: " + what);
  }
}

}  // namespace

const ResourceType* find_resource_type(std::string_view name) {
  static const ResourceType* const kTypes[] = {&kDynamoDbTable,        &kSqsQueue,
                                               &kCognitoUserPool,      &kCognitoUserPoolClient,
                                               &kCognitoUserPoolGroup, &kServerlessFunction,
                                               &kServerlessApi,        &kApiGatewayStage,
                                               &kLambdaPermission,     &kIamRole};
  for (const auto* type : kTypes) {
    if (type->name == name) {
      return type;
    }
  }
  return nullptr;
}

void check_template(const Template& t) {
  const Json& conditions = t.body.value("Conditions", Json::object());
  for (const auto& [id, resource] : resources(t).items()) {
    const std::string where = "Resources." + id;
    const std::string type_name = resource.value("Type", "");
    const auto* type = find_resource_type(type_name);
    if (!type) {
      throw TemplateError(where + ": resource type " + type_name +
                          " is not supported by preflight deploy");
    }
    static const std::set<std::string> kResourceKeys = {
        "Type",     "Properties",     "Condition",          "DependsOn",
        "Metadata", "DeletionPolicy", "UpdateReplacePolicy"};
    for (const auto& [key, value] : resource.items()) {
      if (!kResourceKeys.contains(key)) {
        throw TemplateError(where + ": the resource attribute " + key + " is not supported");
      }
    }
    const Json props = resource.value("Properties", Json::object());
    if (!props.is_object()) {
      throw TemplateError(where + ".Properties must be a map");
    }
    for (const auto& [key, value] : props.items()) {
      if (!type->properties.contains(key)) {
        throw TemplateError(where + ".Properties." + key + ": " + type_name +
                            " property not supported by preflight deploy");
      }
    }
    for (const auto& key : type->required) {
      if (!props.contains(key)) {
        throw TemplateError(where + ".Properties: " + type_name + " needs " + std::string(key));
      }
    }
    if (resource.contains("Condition") &&
        !conditions.contains(resource["Condition"].get<std::string>())) {
      throw TemplateError(where + ".Condition: no condition named " + resource["Condition"].dump());
    }
    for (const auto& dep : depends_on(resource)) {
      if (!resources(t).contains(dep)) {
        throw TemplateError(where + ".DependsOn: no resource named " + dep);
      }
    }
    if (type == &kServerlessFunction) {
      check_function_events(id, field(props, "Events"));
    }
    check_references(t, props, where + ".Properties");
  }
  for (const auto& [name, output] : field(t.body, "Outputs").items()) {
    if (!output.is_object() || !output.contains("Value")) {
      throw TemplateError("Outputs." + name + " needs a Value");
    }
    for (const auto& [key, value] : output.items()) {
      if (key != "Value" && key != "Description" && key != "Condition") {
        throw TemplateError("Outputs." + name + "." + key +
                            " is not supported (cross-stack exports are not emulated)");
      }
    }
  }
  check_references(t, t.body.value("Outputs", Json::object()), "Outputs");
  check_references(t, conditions, "Conditions");
  deployment_order(t);
}

Json deploy_stack(const AwsClient& aws, const Template& t, const std::string& stack,
                  std::ostream& progress) {
  check_template(t);
  const auto started = std::chrono::steady_clock::now();
  progress << "deploy " << t.file.string() << " as stack " << stack << " to "
           << aws.endpoint_for("lambda") << " (" << aws.target().region << ")\n";
  DeployContext c(aws, t, stack, progress);
  for (const auto& id : deployment_order(t)) {
    const Json& resource = resources(t)[id];
    if (resource.contains("Condition") &&
        !c.evaluator().condition(resource["Condition"].get<std::string>())) {
      c.report(id, "skipped: condition " + resource["Condition"].get<std::string>() + " is false");
      continue;
    }
    const auto* type = find_resource_type(resource["Type"].get<std::string>());
    const Json props =
        c.eval(field(resource, "Properties").is_object() ? resource["Properties"] : Json::object(),
               "Resources." + id + ".Properties");
    try {
      c.deployed[id] = type->deploy(c, id, props);
    } catch (const AwsCallError& e) {
      throw std::runtime_error("Resources." + id + " (" + std::string(type->name) +
                               "): " + e.code() + ": " + e.what());
    } catch (const Json::exception& e) {
      throw TemplateError("Resources." + id + " (" + std::string(type->name) +
                          "): a property has the wrong type (" + e.what() + ")");
    } catch (const TemplateError& e) {
      if (std::string_view(e.what()).starts_with("Resources.")) {
        throw;
      }
      throw TemplateError("Resources." + id + " (" + std::string(type->name) + "): " + e.what());
    }
    report_not_emulated(c, id, type->name, props);
  }
  Json outputs = Json::object();
  for (const auto& [name, output] : field(t.body, "Outputs").items()) {
    if (output.contains("Condition") &&
        !c.evaluator().condition(output["Condition"].get<std::string>())) {
      continue;
    }
    outputs[name] = c.eval(field(output, "Value"), "Outputs." + name + ".Value");
  }
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
  progress << "deployed stack " << stack << " in " << ms << " ms\n";
  return {{"Stack", stack}, {"Outputs", outputs}, {"Stages", c.stage_urls}};
}

}  // namespace preflight::harness
