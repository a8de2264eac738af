#include "services/lambda/pool.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>

#include "services/lambda/errors.h"

namespace preflight::lambda {

namespace asio = boost::asio;

bool Pool::has_capacity(const std::string& function_key, const Limits& limits) const {
  const auto it = busy_.find(function_key);
  const std::int64_t mine = it == busy_.end() ? 0 : static_cast<std::int64_t>(it->second.size());
  if (limits.reserved >= 0) {
    return mine < limits.reserved;
  }
  return static_cast<std::int64_t>(busy_total_) < limits.account;
}

asio::awaitable<void> Pool::wait_for_release() {
  auto timer = std::make_shared<asio::steady_timer>(executor_);
  timer->expires_after(std::chrono::seconds(1));  // and look again, whatever happens
  waiting_.push_back(timer);
  co_await timer->async_wait(asio::as_tuple(asio::use_awaitable));
  std::erase(waiting_, timer);
}

asio::awaitable<InvokeOutcome> Pool::invoke(
    const std::string& function_key, const std::string& pool_key, Invocation invocation,
    Limits limits, bool wait_for_capacity, const std::function<Limits()>& current_limits,
    const std::function<std::shared_ptr<Instance>()>& make_instance) {
  while (!has_capacity(function_key, limits)) {
    if (!wait_for_capacity) {
      throw errors::too_many_requests(limits.reserved >= 0
                                          ? "ReservedFunctionConcurrentInvocationLimitExceeded"
                                          : "ConcurrentInvocationLimitExceeded");
    }
    co_await wait_for_release();
    limits = current_limits();
  }
  std::shared_ptr<Instance> instance;
  auto& idle = idle_[pool_key];
  while (!idle.empty() && !instance) {
    instance = std::move(idle.back());
    idle.pop_back();
    if (!instance->alive()) {
      instance.reset();
    }
  }
  if (idle.empty()) {
    idle_.erase(pool_key);
  }
  if (!instance) {
    instance = make_instance();
    instance->start();
  }
  busy_[function_key].push_back(instance);
  ++busy_total_;
  InvokeOutcome outcome;
  std::exception_ptr failure;
  try {
    outcome = co_await instance->invoke(std::move(invocation));
  } catch (...) {
    failure = std::current_exception();
  }
  auto& mine = busy_[function_key];
  std::erase(mine, instance);
  if (mine.empty()) {
    busy_.erase(function_key);
  }
  --busy_total_;
  if (instance->alive() && !instance->stale()) {
    idle_[pool_key].push_back(std::move(instance));
  } else {
    instance->retire();
  }
  for (auto& timer : waiting_) {
    timer->cancel();
  }
  if (failure) {
    std::rethrow_exception(failure);
  }
  co_return outcome;
}

void Pool::retire_function(const std::string& function_key) {
  const std::string prefix = function_key + "|";
  for (auto it = idle_.begin(); it != idle_.end();) {
    if (it->first.starts_with(prefix)) {
      for (auto& instance : it->second) {
        instance->retire();
      }
      it = idle_.erase(it);
    } else {
      ++it;
    }
  }
  // Busy instances finish their invocation first, then retire.
  if (const auto it = busy_.find(function_key); it != busy_.end()) {
    for (auto& instance : it->second) {
      instance->mark_stale();
    }
  }
}

void Pool::retire_all() {
  for (auto& [key, list] : idle_) {
    for (auto& instance : list) {
      instance->retire();
    }
  }
  idle_.clear();
  for (auto& [key, list] : busy_) {
    for (auto& instance : list) {
      instance->retire();
    }
  }
}

void Pool::retire_idle(std::chrono::seconds idle) {
  const auto cutoff = std::chrono::steady_clock::now() - idle;
  for (auto it = idle_.begin(); it != idle_.end();) {
    auto& list = it->second;
    std::erase_if(list, [&](const std::shared_ptr<Instance>& instance) {
      if (instance->last_used() < cutoff || !instance->alive()) {
        instance->retire();
        return true;
      }
      return false;
    });
    it = list.empty() ? idle_.erase(it) : std::next(it);
  }
}

std::size_t Pool::instances() const {
  std::size_t n = busy_total_;
  for (const auto& [key, list] : idle_) {
    n += list.size();
  }
  return n;
}

}  // namespace preflight::lambda
