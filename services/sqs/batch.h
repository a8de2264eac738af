#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "emulator/common/json.h"

namespace preflight::sqs {

// The Entries of a batch call, checked as SQS checks them before running any: present, at most
// 10, ids of 1-80 [A-Za-z0-9_-], distinct.
std::vector<const Json*> batch_entries(const Json& input, std::string_view entry_type);

// Runs each entry; its result goes to Successful (with its Id), its AwsError to Failed.
Json run_batch(const std::vector<const Json*>& entries,
               const std::function<Json(const Json& entry)>& each);

}  // namespace preflight::sqs
