#include "services/apigateway/authorizer_cache.h"

namespace preflight::apigateway {

std::optional<Json> AuthorizerCache::get(const std::string& key) {
  const auto it = entries_.find(key);
  if (it == entries_.end()) {
    return std::nullopt;
  }
  if (Clock::now() >= it->second.expires) {
    entries_.erase(it);
    return std::nullopt;
  }
  return it->second.result;
}

void AuthorizerCache::put(const std::string& key, Json result, std::chrono::seconds ttl) {
  if (ttl.count() <= 0) {
    return;
  }
  // Bounded: a flood of distinct tokens must not grow memory without end.
  if (entries_.size() >= 10000) {
    const auto now = Clock::now();
    std::erase_if(entries_, [&](const auto& e) { return e.second.expires <= now; });
    if (entries_.size() >= 10000) {
      entries_.clear();
    }
  }
  entries_[key] = Entry{std::move(result), Clock::now() + ttl};
}

void AuthorizerCache::forget(const std::string& api_id) {
  const std::string prefix = api_id + "/";
  std::erase_if(entries_, [&](const auto& e) { return e.first.starts_with(prefix); });
}

}  // namespace preflight::apigateway
