#include "services/sqs/backend.h"

#include "emulator/common/strings.h"
#include "emulator/service/input.h"
#include "services/sqs/errors.h"

namespace preflight::sqs {
namespace {

std::string cache_key(std::string_view account, std::string_view region, std::string_view name) {
  std::string key;
  key.reserve(account.size() + region.size() + name.size() + 2);
  key.append(account).push_back('/');
  key.append(region).push_back('/');
  key.append(name);
  return key;
}

// "http://host:port/ACCOUNT/NAME" or "/ACCOUNT/NAME" -> {ACCOUNT, NAME}.
std::optional<std::pair<std::string_view, std::string_view>> account_and_name(
    std::string_view url) {
  if (const auto scheme = url.find("://"); scheme != std::string_view::npos) {
    const auto path = url.find('/', scheme + 3);
    url = path == std::string_view::npos ? std::string_view() : url.substr(path);
  }
  while (!url.empty() && url.back() == '/') {
    url.remove_suffix(1);
  }
  const auto slash = url.rfind('/');
  if (slash == std::string_view::npos || slash == 0) {
    return std::nullopt;
  }
  const auto name = url.substr(slash + 1);
  auto account = url.substr(0, slash);
  account = account.substr(account.rfind('/') + 1);
  if (name.empty() || account.empty()) {
    return std::nullopt;
  }
  return std::pair{account, name};
}

}  // namespace

std::optional<QueueArn> parse_queue_arn(std::string_view arn) {
  const auto parts = split(arn, ':');
  if (parts.size() != 6 || parts[0] != "arn" || parts[2] != "sqs" || parts[5].empty()) {
    return std::nullopt;
  }
  return QueueArn{std::string(parts[3]), std::string(parts[4]), std::string(parts[5])};
}

QueuePtr Backend::find(std::string_view account, std::string_view region, std::string_view name) {
  const std::string key = cache_key(account, region, name);
  if (const auto it = cache_.find(key); it != cache_.end()) {
    return it->second;
  }
  auto queue = store_.find_queue(account, region, name);
  if (!queue) {
    return nullptr;
  }
  auto ptr = std::make_shared<const Queue>(std::move(*queue));
  cache_.emplace(key, ptr);
  return ptr;
}

QueuePtr Backend::find_by_arn(std::string_view arn) {
  const auto parsed = parse_queue_arn(arn);
  return parsed ? find(parsed->account, parsed->region, parsed->name) : nullptr;
}

QueuePtr Backend::queue(const core::RequestContext& ctx, const Json& input) {
  const auto url = core::input::string(input, "QueueUrl");
  std::optional<std::pair<std::string_view, std::string_view>> where;
  if (url) {
    where = account_and_name(*url);
  } else if (ctx.protocol == core::Protocol::Query) {
    where = account_and_name(ctx.http.path);
  }
  if (!where) {
    if (!url) {
      throw errors::missing_parameter("QueueUrl");
    }
    throw errors::queue_does_not_exist();
  }
  auto queue = find(where->first, ctx.region, where->second);
  if (!queue) {
    throw errors::queue_does_not_exist();
  }
  return queue;
}

std::vector<Queue> Backend::dead_letter_sources(const Queue& dead_letter_queue) {
  constexpr int kPage = 500;
  const std::string arn = dead_letter_queue.arn();
  std::vector<Queue> sources;
  std::string after;
  for (;;) {  // queues are few: a scan in pages is enough
    auto page = store_.list_queues(dead_letter_queue.account_id, dead_letter_queue.region, "",
                                   after, kPage);
    for (auto& q : page) {
      if (const auto redrive = q.redrive(); redrive && redrive->dead_letter_arn == arn) {
        sources.push_back(std::move(q));
      }
    }
    if (static_cast<int>(page.size()) < kPage) {
      return sources;
    }
    after = page.back().name;
  }
}

void Backend::forget(const Queue& queue) {
  cache_.erase(cache_key(queue.account_id, queue.region, queue.name));
}

void Backend::forget_all() {
  cache_.clear();
  attempts_.clear();
  for (auto& [handle, move] : moves_) {
    move->cancelled = true;
  }
  moves_.clear();
  last_purge_ms_.clear();
}

bool Backend::may_purge(std::int64_t queue_id, std::int64_t now_ms) {
  auto [it, first] = last_purge_ms_.try_emplace(queue_id, now_ms);
  if (!first && now_ms - it->second < purge_interval_ms) {
    return false;
  }
  it->second = now_ms;
  return true;
}

std::string Backend::url(const core::RequestContext& ctx, const Queue& queue) const {
  return ctx.endpoint_url() + "/" + queue.account_id + "/" + queue.name;
}

}  // namespace preflight::sqs
