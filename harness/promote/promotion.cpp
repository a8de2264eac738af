#include "harness/promote/promotion.h"

#include <cmath>
#include <sstream>

#include "harness/deploy/context.h"
#include "harness/deploy/lambda_functions.h"
#include "harness/deploy/rest_apis.h"

namespace preflight::harness {

namespace {

constexpr std::string_view kRollbackTag = "preflight:rollback";

std::string alias_path(const StackFunction& fn) {
  return function_path(fn.name) + "/aliases/" + AwsClient::segment(fn.alias);
}

std::string stage_arn(const AwsClient& aws, const std::string& api, const std::string& stage) {
  return rest_api_arn(aws.target().region, api) + "/stages/" + stage;
}

const Json& weights_of(const Json& alias) {
  static const Json none = Json::object();
  const Json& w = field(field(alias, "RoutingConfig"), "AdditionalVersionWeights");
  return w.is_object() ? w : none;
}

// An alias' state as a tag value ("3" or "3+4=0.1"): Lambda tag values allow no JSON.
std::string alias_state_text(const Json& alias) {
  std::string out = alias.value("FunctionVersion", "");
  for (const auto& [version, weight] : weights_of(alias).items()) {
    std::ostringstream w;
    w << weight.get<double>();
    out += "+" + version + "=" + w.str();
  }
  return out;
}

Json alias_update_from_text(const std::string& text) {
  Json weights = Json::object();
  const auto plus = text.find('+');
  const std::string version = text.substr(0, plus);
  if (plus != std::string::npos) {
    const std::string rest = text.substr(plus + 1);
    const auto eq = rest.find('=');
    weights[rest.substr(0, eq)] = std::stod(rest.substr(eq + 1));
  }
  return {{"FunctionVersion", version}, {"RoutingConfig", {{"AdditionalVersionWeights", weights}}}};
}

std::string describe_alias(const Json& alias) {
  std::string out = "version " + alias.value("FunctionVersion", "");
  for (const auto& [version, weight] : weights_of(alias).items()) {
    out += " (" + std::to_string(static_cast<int>(std::lround(weight.get<double>() * 100))) +
           "% to version " + version + ")";
  }
  return out;
}

// A stage's state as a tag value: "DEPLOYMENT" or "DEPLOYMENT+CANARY=PERCENT".
std::string stage_state_text(const Json& stage) {
  std::string out = stage.value("deploymentId", "");
  if (const Json& canary = field(stage, "canarySettings"); canary.is_object()) {
    std::ostringstream p;
    p << canary.value("percentTraffic", 0.0);
    out += "+" + canary.value("deploymentId", "") + "=" + p.str();
  }
  return out;
}

void tag_function(const AwsClient& aws, const StackFunction& fn, const std::string& value) {
  aws.rest("lambda", "POST", "/2017-03-31/tags/" + AwsClient::segment(fn.arn),
           {{"Tags", {{std::string(kRollbackTag) + ":" + fn.alias, value}}}});
}

int promote_function(const AwsClient& aws, const StackFunction& fn, const PromoteOptions& o,
                     std::ostream& out) {
  const Json alias = aws.rest("lambda", "GET", alias_path(fn));
  const std::string serving = alias.value("FunctionVersion", "");
  const Json latest = aws.rest("lambda", "GET", function_path(fn.name) + "/configuration");
  const Json current = aws.rest("lambda", "GET", function_path(fn.name) + "/configuration", nullptr,
                                {{"Qualifier", serving}});
  const bool differs = latest.value("CodeSha256", "") != current.value("CodeSha256", "") ||
                       function_settings(latest) != function_settings(current);
  std::string target;
  if (differs) {
    const Json published = aws.rest("lambda", "POST", function_path(fn.name) + "/versions",
                                    {{"CodeSha256", latest.value("CodeSha256", "")}});
    target = published.value("Version", "");
  } else if (!weights_of(alias).empty()) {
    target = weights_of(alias).begin().key();  // finish the canary in progress
  }
  if (target.empty() || (target == serving && weights_of(alias).empty())) {
    out << "  function " << fn.name << ": alias " << fn.alias << " already serves $LATEST ("
        << describe_alias(alias) << ")\n";
    return 0;
  }
  if (differs) {
    out << "  function " << fn.name << ": $LATEST differs from " << fn.alias << " (version "
        << serving << "): published version " << target << "\n";
  }
  Json update = {{"FunctionVersion", target},
                 {"RoutingConfig", {{"AdditionalVersionWeights", Json::object()}}}};
  if (o.canary_percent && target != serving) {
    update = {
        {"FunctionVersion", serving},
        {"RoutingConfig", {{"AdditionalVersionWeights", {{target, *o.canary_percent / 100.0}}}}}};
  }
  tag_function(aws, fn, alias_state_text(alias));
  const Json moved = aws.rest("lambda", "PUT", alias_path(fn), update);
  out << "  function " << fn.name << ": alias " << fn.alias << " " << describe_alias(alias)
      << " -> " << describe_alias(moved) << "\n";
  return 1;
}

int promote_api(const AwsClient& aws, const Json& api, const PromoteOptions& o, std::ostream& out) {
  const std::string id = api.value("id", "");
  const Json source = aws.rest("apigateway", "GET", stage_path(id, o.from));
  const std::string deployment = source.value("deploymentId", "");
  const Json target = aws.rest("apigateway", "GET", stage_path(id, o.to));
  const bool has_canary = field(target, "canarySettings").is_object();
  Json ops = Json::array();
  if (o.canary_percent && target.value("deploymentId", "") != deployment) {
    std::ostringstream p;
    p << *o.canary_percent;
    ops.push_back(
        {{"op", "replace"}, {"path", "/canarySettings/deploymentId"}, {"value", deployment}});
    ops.push_back(
        {{"op", "replace"}, {"path", "/canarySettings/percentTraffic"}, {"value", p.str()}});
  } else if (!o.canary_percent) {
    if (target.value("deploymentId", "") != deployment) {
      ops.push_back({{"op", "replace"}, {"path", "/deploymentId"}, {"value", deployment}});
    }
    if (has_canary) {
      ops.push_back({{"op", "remove"}, {"path", "/canarySettings"}});
    }
  }
  if (ops.empty()) {
    out << "  API " << id << ": stage " << o.to << " already serves " << o.from << "'s deployment "
        << deployment << "\n";
    return 0;
  }
  aws.rest("apigateway", "PUT", "/tags/" + AwsClient::segment(stage_arn(aws, id, o.to)),
           {{"tags", {{std::string(kRollbackTag), stage_state_text(target)}}}});
  const Json moved =
      aws.rest("apigateway", "PATCH", stage_path(id, o.to), {{"patchOperations", ops}});
  out << "  API " << id << ": stage " << o.to << " " << stage_state_text(target) << " -> "
      << stage_state_text(moved) << (o.canary_percent ? " (canary)" : "") << "\n";
  return 1;
}

}  // namespace

int promote(const AwsClient& aws, const PromoteOptions& o, std::ostream& out) {
  out << "promote stack " << o.stack << ": " << o.from << " -> " << o.to;
  if (o.canary_percent) {
    out << " (canary " << *o.canary_percent << "%)";
  }
  out << "\n";
  if (o.canary_percent && (*o.canary_percent <= 0 || *o.canary_percent >= 100)) {
    throw std::invalid_argument("--canary takes a percentage between 0 and 100, exclusive");
  }
  int changes = 0;
  bool found = false;
  for (const auto& fn : stack_functions(aws, o.stack)) {
    found = true;
    if (!fn.alias.empty()) {
      changes += promote_function(aws, fn, o, out);
    }
  }
  for (const auto& api : stack_apis(aws, o.stack)) {
    found = true;
    changes += promote_api(aws, api, o, out);
  }
  if (!found) {
    throw std::runtime_error("no functions or APIs of stack " + o.stack + " (deploy it first)");
  }
  out << (changes ? std::to_string(changes) + " change(s)" : std::string("nothing to promote"))
      << "\n";
  return changes;
}

int rollback(const AwsClient& aws, const std::string& stack, const std::string& stage,
             std::ostream& out) {
  out << "rollback stack " << stack << " stage " << stage << "\n";
  int changes = 0;
  for (const auto& fn : stack_functions(aws, stack)) {
    const std::string key = std::string(kRollbackTag) + ":" + fn.alias;
    if (fn.alias.empty() || !fn.tags.contains(key)) {
      continue;
    }
    const Json before = aws.rest("lambda", "GET", alias_path(fn));
    const Json moved = aws.rest("lambda", "PUT", alias_path(fn),
                                alias_update_from_text(fn.tags[key].get<std::string>()));
    aws.rest("lambda", "DELETE", "/2017-03-31/tags/" + AwsClient::segment(fn.arn), nullptr,
             {{"tagKeys", key}});
    out << "  function " << fn.name << ": alias " << fn.alias << " " << describe_alias(before)
        << " -> " << describe_alias(moved) << "\n";
    ++changes;
  }
  for (const auto& api : stack_apis(aws, stack)) {
    const std::string id = api.value("id", "");
    const Json current = aws.rest("apigateway", "GET", stage_path(id, stage));
    const std::string recorded = object_field(current, "tags").value(std::string(kRollbackTag), "");
    if (recorded.empty()) {
      continue;
    }
    const auto plus = recorded.find('+');
    Json ops = Json::array(
        {{{"op", "replace"}, {"path", "/deploymentId"}, {"value", recorded.substr(0, plus)}}});
    if (plus != std::string::npos) {
      const std::string canary = recorded.substr(plus + 1);
      const auto eq = canary.find('=');
      ops.push_back({{"op", "replace"},
                     {"path", "/canarySettings/deploymentId"},
                     {"value", canary.substr(0, eq)}});
      ops.push_back({{"op", "replace"},
                     {"path", "/canarySettings/percentTraffic"},
                     {"value", canary.substr(eq + 1)}});
    } else if (field(current, "canarySettings").is_object()) {
      ops.push_back({{"op", "remove"}, {"path", "/canarySettings"}});
    }
    const Json moved =
        aws.rest("apigateway", "PATCH", stage_path(id, stage), {{"patchOperations", ops}});
    aws.rest("apigateway", "DELETE", "/tags/" + AwsClient::segment(stage_arn(aws, id, stage)),
             nullptr, {{"tagKeys", std::string(kRollbackTag)}});
    out << "  API " << id << ": stage " << stage << " " << stage_state_text(current) << " -> "
        << stage_state_text(moved) << "\n";
    ++changes;
  }
  if (changes == 0) {
    throw std::runtime_error("nothing to roll back: no promote of stack " + stack + " to stage " +
                             stage + " is recorded");
  }
  return changes;
}

Json served_state(const AwsClient& aws, const std::string& stack, const std::string& stage) {
  Json state = {{"functions", Json::object()}, {"apis", Json::object()}};
  for (const auto& fn : stack_functions(aws, stack)) {
    if (!fn.alias.empty()) {
      const Json alias = aws.rest("lambda", "GET", alias_path(fn));
      state["functions"][fn.name] = describe_alias(alias);
    }
  }
  for (const auto& api : stack_apis(aws, stack)) {
    const std::string id = api.value("id", "");
    state["apis"][id] = stage_state_text(aws.rest("apigateway", "GET", stage_path(id, stage)));
  }
  return state;
}

}  // namespace preflight::harness
