#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>

#include "emulator/common/json.h"

namespace preflight::apigateway {

// Lambda authorizer results by (API, authorizer, identity), kept for the authorizer's
// authorizerResultTtlInSeconds: the cached policy is evaluated again for each method ARN, as AWS
// does.
class AuthorizerCache {
 public:
  using Clock = std::chrono::steady_clock;

  std::optional<Json> get(const std::string& key);
  void put(const std::string& key, Json result, std::chrono::seconds ttl);
  void forget(const std::string& api_id);  // keys start with "{api_id}/"
  void clear() { entries_.clear(); }

 private:
  struct Entry {
    Json result;
    Clock::time_point expires;
  };
  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace preflight::apigateway
