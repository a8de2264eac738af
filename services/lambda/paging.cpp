#include "services/lambda/paging.h"

#include "emulator/common/strings.h"
#include "emulator/service/input.h"
#include "services/lambda/errors.h"

namespace preflight::lambda {

Json page(std::vector<Json> items, const Json& in, const char* member) {
  const auto max = core::input::integer(in, "MaxItems").value_or(50);
  if (max < 1 || max > 10000) {
    throw errors::invalid_parameter("MaxItems must be between 1 and 10000.");
  }
  const std::string marker = core::input::string(in, "Marker").value_or("");
  std::size_t start = 0;
  if (!marker.empty()) {
    if (!is_all_digits(marker) || marker.size() > 9) {
      throw errors::invalid_parameter("Invalid Marker: " + marker);
    }
    start = std::stoul(marker);
  }
  Json list = Json::array();
  std::size_t i = start;
  for (; i < items.size() && list.size() < static_cast<std::size_t>(max); ++i) {
    list.push_back(std::move(items[i]));
  }
  Json out{{member, std::move(list)}};
  if (i < items.size()) {
    out["NextMarker"] = std::to_string(i);
  }
  return out;
}

}  // namespace preflight::lambda
