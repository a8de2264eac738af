#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

#include "emulator/common/json.h"

namespace preflight::apigateway {

// Usage-plan limits per (plan, API key): a token bucket for the throttle (rateLimit per second,
// burstLimit deep) and a counter per quota period (DAY, WEEK or MONTH, in UTC).
class UsageMeter {
 public:
  enum class Verdict { Ok, Throttled, QuotaExceeded };

  // throttle: {burstLimit, rateLimit} or null; quota: {limit, period, offset} or null.
  Verdict take(const std::string& key, const Json& throttle, const Json& quota);
  void forget(const std::string& plan_id);  // keys start with "{plan_id}/"
  void clear() { meters_.clear(); }

 private:
  struct Meter {
    double tokens = -1;  // < 0: not started (a full bucket)
    std::chrono::steady_clock::time_point refilled;
    std::int64_t window = -1;  // the quota period this count belongs to
    std::int64_t used = 0;
  };
  std::map<std::string, Meter, std::less<>> meters_;
};

// The quota period (an index of days, weeks or months since the epoch) that `epoch` falls in.
std::int64_t quota_window(const std::string& period, std::int64_t epoch);

}  // namespace preflight::apigateway
