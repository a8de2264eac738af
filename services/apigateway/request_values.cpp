#include "emulator/common/strings.h"
#include "services/apigateway/backend.h"
#include "services/apigateway/context_vars.h"
#include "services/apigateway/exchange.h"

namespace preflight::apigateway {

std::optional<std::string> request_value(const Exchange& x, std::string_view expression) {
  expression = trim(expression);
  auto after = [&](std::string_view prefix) -> std::optional<std::string_view> {
    if (!expression.starts_with(prefix)) {
      return std::nullopt;
    }
    return expression.substr(prefix.size());
  };
  if (expression.size() >= 2 && expression.front() == '\'' && expression.back() == '\'') {
    return std::string(expression.substr(1, expression.size() - 2));
  }
  if (const auto name = after("method.request.header.")) {
    const auto v = x.http.headers.get(*name);
    return v ? std::optional<std::string>(std::string(*v)) : std::nullopt;
  }
  if (const auto name = after("method.request.path.")) {
    const auto it = x.route.path_parameters.find(std::string(*name));
    return it == x.route.path_parameters.end() ? std::nullopt
                                               : std::optional<std::string>(it->second);
  }
  if (const auto name = after("method.request.querystring.")) {
    for (const auto& [k, v] : parse_form(x.http.query).value_or(FormParams{})) {
      if (k == *name) {
        return v;
      }
    }
    return std::nullopt;
  }
  if (const auto name = after("stageVariables.")) {
    const Json& value = member(x.stage_variables, *name);
    return value.is_string() ? std::optional<std::string>(value.get<std::string>()) : std::nullopt;
  }
  if (const auto name = after("context.")) {
    const Json* value = context_value(x.context, *name);
    if (value == nullptr || value->is_null()) {
      return std::nullopt;
    }
    return value->is_string() ? value->get<std::string>() : value->dump();
  }
  return std::nullopt;
}

}  // namespace preflight::apigateway
