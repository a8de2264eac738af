#pragma once

#include <vector>

#include "emulator/common/json.h"

namespace preflight::lambda {

// One page of a list Lambda pages with Marker / MaxItems (default 50) / NextMarker; the marker
// is the position of the next item.
Json page(std::vector<Json> items, const Json& input, const char* member);

}  // namespace preflight::lambda
