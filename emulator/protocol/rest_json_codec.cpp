#include "emulator/protocol/rest_json_codec.h"

#include <charconv>

#include "emulator/protocol/json_body.h"

namespace preflight::core::rest_json_codec {
namespace {

Json convert(const Binding& binding, std::string_view text) {
  switch (binding.type) {
    case ValueType::Integer: {
      long long n = 0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
      if (ec != std::errc() || end != text.data() + text.size()) {
        throw errors::serialization("Value '" + std::string(text) + "' for " + binding.member +
                                    " is not an integer.");
      }
      return n;
    }
    case ValueType::Boolean:
      if (text != "true" && text != "false") {
        throw errors::serialization("Value '" + std::string(text) + "' for " + binding.member +
                                    " is not a boolean.");
      }
      return text == "true";
    case ValueType::String:
    case ValueType::StringList:
      break;
  }
  return std::string(text);
}

std::string to_text(const Json& value) {
  if (value.is_string()) {
    return value.get<std::string>();
  }
  return dump_json(value);
}

bool has_payload_binding(const std::vector<Binding>& bindings) {
  for (const auto& b : bindings) {
    if (b.location == Location::Payload) {
      return true;
    }
  }
  return false;
}

}  // namespace

Json decode(const Operation& operation, const HttpRequest& request, const PathLabels& labels,
            const FormParams& query) {
  const auto& bindings = operation.rest.input;
  Json input = has_payload_binding(bindings) ? Json::object() : parse_json_object(request.body);
  for (const auto& [name, value] : labels) {
    input[name] = value;
  }
  for (const auto& b : bindings) {
    switch (b.location) {
      case Location::Query: {
        Json list = Json::array();
        for (const auto& [k, v] : query) {
          if (k == b.name) {
            if (b.type != ValueType::StringList) {
              input[b.member] = convert(b, v);
              break;
            }
            list.push_back(v);
          }
        }
        if (b.type == ValueType::StringList && !list.empty()) {
          input[b.member] = std::move(list);
        }
        break;
      }
      case Location::Header:
        if (auto v = request.headers.get(b.name)) {
          input[b.member] = convert(b, *v);
        }
        break;
      case Location::Payload:
        input[b.member] = request.body;
        break;
      case Location::StatusCode:
        break;
    }
  }
  return input;
}

HttpResponse encode(const Operation& operation, Json output) {
  HttpResponse res;
  res.status = operation.rest.success_status;
  std::optional<std::string> payload;
  for (const auto& b : operation.rest.output) {
    if (!output.is_object() || !output.contains(b.member)) {
      continue;
    }
    const Json& value = output[b.member];
    switch (b.location) {
      case Location::Header:
        res.headers.add(b.name, to_text(value));
        break;
      case Location::StatusCode:
        if (value.is_number_integer()) {
          res.status = value.get<int>();
        }
        break;
      case Location::Payload:
        payload = to_text(value);
        break;
      case Location::Query:
        break;
    }
    output.erase(b.member);
  }
  if (payload) {
    if (!res.headers.contains("content-type")) {  // an output header member may have set it
      res.headers.add("Content-Type", "application/json");
    }
    res.body = std::move(*payload);
  } else if (res.status != 204) {
    res.headers.add("Content-Type", "application/json");
    res.body = output.is_null() ? "{}" : dump_json(output);
  }
  return res;
}

HttpResponse encode_error(const AwsError& error) {
  HttpResponse res;
  res.status = error.status;
  res.headers.add("Content-Type", "application/json");
  res.headers.add("x-amzn-ErrorType", error.code);
  Json body{{"message", error.message}};
  body.update(error.details);
  res.body = dump_json(body);
  return res;
}

}  // namespace preflight::core::rest_json_codec
