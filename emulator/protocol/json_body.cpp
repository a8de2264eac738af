#include "emulator/protocol/json_body.h"

#include "emulator/common/text_scan.h"
#include "emulator/service/aws_error.h"

namespace preflight::core {

Json parse_json_object(std::string_view body) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Json::object();
  }
  if (!json_nesting_within(body, kMaxJsonDepth)) {
    throw errors::serialization("JSON nesting exceeds the maximum depth of " +
                                std::to_string(kMaxJsonDepth));
  }
  Json value = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) {
    throw errors::serialization(
        "Start of structure or map found where not expected, or the "
        "request body is not valid JSON.");
  }
  if (!value.is_object()) {
    throw errors::serialization("The request body must be a JSON object.");
  }
  return value;
}

std::string dump_json(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace preflight::core
