#pragma once

#include <chrono>
#include <cstdint>

#include "services/dynamodb/backend.h"

namespace preflight::dynamodb {

// Deletes items whose TTL attribute has passed; returns how many. Each deletion is a REMOVE
// stream record made by the service ("userIdentity" dynamodb.amazonaws.com), as on AWS.
std::size_t sweep_expired_items(Backend& backend, std::int64_t now);

// Runs sweep_expired_items every `period` on the event loop until shutdown.
void start_ttl_sweeper(const std::shared_ptr<Backend>& backend, std::chrono::milliseconds period);

}  // namespace preflight::dynamodb
