#pragma once

#include <string>
#include <string_view>

#include "services/apigateway/vtl/template.h"

namespace preflight::apigateway::vtl::test {

// Renders `text` against `input` (an empty request unless given).
inline std::string run(std::string_view text, const Input& input = {}) {
  return render(text, input);
}

// An input with a JSON body.
inline Input with_body(std::string body) {
  Input input;
  input.body = std::move(body);
  return input;
}

}  // namespace preflight::apigateway::vtl::test
