#include "services/apigateway/vtl/builtins.h"

#include "emulator/common/crypto.h"
#include "emulator/common/strings.h"
#include "services/apigateway/vtl/java_text.h"
#include "services/apigateway/vtl/jsonpath.h"

namespace preflight::apigateway::vtl {

namespace {

std::string param_text(const Json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

// path, then querystring, then header (header names without regard to case); "" when absent.
std::string lookup_param(const Input& input, const std::string& name) {
  for (const Json* scope : {&input.path, &input.querystring}) {
    if (scope->is_object()) {
      auto it = scope->find(name);
      if (it != scope->end()) {
        return param_text(*it);
      }
    }
  }
  if (input.header.is_object()) {
    for (auto it = input.header.begin(); it != input.header.end(); ++it) {
      if (iequals(it.key(), name)) {
        return param_text(it.value());
      }
    }
  }
  return "";
}

Value params_map(Runtime& rt, const Input& input) {
  auto map = rt.new_map();
  map->put("path", rt.from_json(input.path));
  map->put("querystring", rt.from_json(input.querystring));
  map->put("header", rt.from_json(input.header));
  return map;
}

// The selection of $input.path/$input.json; nullopt when nothing matched (or no JSON body).
std::optional<Value> select(Runtime& rt, const std::string& path) {
  const auto* body = rt.body_json();
  if (body == nullptr) {
    return std::nullopt;
  }
  auto match = select_json(*body, path);
  if (!match) {
    return std::nullopt;
  }
  if (match->lengths) {
    if (match->definite) {
      if (match->lengths->empty()) {
        return std::nullopt;
      }
      return Value(match->lengths->front());
    }
    auto list = rt.new_list(true);
    for (std::int64_t n : *match->lengths) {
      list->items.emplace_back(n);
    }
    return Value(list);
  }
  if (match->definite) {
    if (match->values.empty()) {
      return std::nullopt;
    }
    return rt.from_json(*match->values.front());
  }
  auto list = rt.new_list(true);
  for (const auto* node : match->values) {
    list->items.push_back(rt.from_json(*node));
  }
  return Value(list);
}

}  // namespace

bool InputObject::property(Runtime& rt, std::string_view name, Value& out) {
  if (name == "body") {
    out = rt.input().body;
    return true;
  }
  return false;
}

bool InputObject::call(Runtime& rt, std::string_view name, std::vector<Value>& args, Value& out) {
  if (name == "params" && args.empty()) {
    out = params_map(rt, rt.input());
    return true;
  }
  if (args.size() != 1 || args[0].is_null()) {
    return false;
  }
  const std::string arg = to_text(args[0], rt.limits().max_output_bytes);
  if (name == "params") {
    out = lookup_param(rt.input(), arg);
  } else if (name == "path") {
    out = select(rt, arg).value_or(Value());
  } else if (name == "json") {
    // A path that selects nothing gives "" (no JSON at all), as API Gateway does.
    auto selected = select(rt, arg);
    std::string text;
    if (selected) {
      append_json(text, *selected, rt.limits().max_output_bytes);
    }
    rt.charge(text.size());
    out = std::move(text);
  } else {
    return false;
  }
  return true;
}

bool UtilObject::call(Runtime& rt, std::string_view name, std::vector<Value>& args, Value& out) {
  if (args.size() != 1) {
    return false;
  }
  if (args[0].is_null()) {  // the Java methods throw on null: the reference fails
    out = Value();
    return true;
  }
  const std::string arg = to_text(args[0], rt.limits().max_output_bytes);
  std::optional<std::string> result;
  if (name == "escapeJavaScript") {
    result = escape_javascript(arg);
  } else if (name == "urlEncode") {
    result = url_encode(arg);
  } else if (name == "urlDecode") {
    result = url_decode(arg);
  } else if (name == "base64Encode") {
    result = base64_encode(arg);
  } else if (name == "base64Decode") {
    result = base64_decode(arg);
  } else if (name == "parseJson") {
    auto parsed = parse_json_text(arg);
    out = parsed ? rt.from_json(*parsed) : Value();
    return true;
  } else {
    return false;
  }
  if (result) {
    rt.charge(result->size());
    out = std::move(*result);
  } else {
    out = Value();
  }
  return true;
}

bool ForeachScope::property(Runtime&, std::string_view name, Value& out) {
  if (name == "index") {
    out = index_;
  } else if (name == "count") {
    out = index_ + 1;
  } else if (name == "hasNext") {
    out = has_next_;
  } else if (name == "first") {
    out = index_ == 0;
  } else if (name == "last") {
    out = !has_next_;
  } else if (name == "parent") {
    out = parent_;
  } else {
    return false;
  }
  return true;
}

bool ForeachScope::call(Runtime& rt, std::string_view name, std::vector<Value>& args, Value& out) {
  if (!args.empty()) {
    return false;
  }
  for (auto [method, prop] : {std::pair<std::string_view, std::string_view>{"getIndex", "index"},
                              {"getCount", "count"},
                              {"hasNext", "hasNext"},
                              {"getHasNext", "hasNext"},
                              {"isFirst", "first"},
                              {"isLast", "last"},
                              {"getParent", "parent"}}) {
    if (name == method) {
      return property(rt, prop, out);
    }
  }
  return false;
}

}  // namespace preflight::apigateway::vtl
