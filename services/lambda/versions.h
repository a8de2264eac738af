#pragma once

#include <optional>

#include <string>

#include "emulator/common/json.h"
#include "services/lambda/backend.h"

namespace preflight::lambda {

// Publishes $LATEST as the next version, or returns the newest version when $LATEST has not
// changed since it was published (as PublishVersion does). Runs inside the caller's transaction.
Json publish(Backend& b, const FunctionRef& ref, Function& f,
             const std::optional<std::string>& description);

}  // namespace preflight::lambda
