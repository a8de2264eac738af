#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "services/lambda/instance.h"

namespace preflight::lambda {

// Warm runtime instances, reused per (function, version, revision), and the concurrency each
// function may use. An invoke takes an idle instance or starts one; beyond the limit it is
// refused (TooManyRequestsException) or, for internal callers, waits for a free slot.
class Pool {
 public:
  explicit Pool(const boost::asio::any_io_executor& executor) : executor_(executor) {}

  struct Limits {
    std::int64_t reserved = -1;  // the function's reserved concurrency, -1 when unset
    std::int64_t account = 32;   // every function's instances together, without a reservation
  };
  // make_instance builds (but does not start) an instance when no warm one is idle; while an
  // internal caller waits for capacity, current_limits() re-reads them (they may change).
  boost::asio::awaitable<InvokeOutcome> invoke(
      const std::string& function_key, const std::string& pool_key, Invocation invocation,
      Limits limits, bool wait_for_capacity, const std::function<Limits()>& current_limits,
      const std::function<std::shared_ptr<Instance>()>& make_instance);

  // Retires every instance of a function (its code or configuration changed, or it is gone).
  void retire_function(const std::string& function_key);
  void retire_all();
  // Retires instances idle for longer than this.
  void retire_idle(std::chrono::seconds idle);
  std::size_t instances() const;
  std::size_t busy() const { return busy_total_; }

 private:
  bool has_capacity(const std::string& function_key, const Limits& limits) const;
  boost::asio::awaitable<void> wait_for_release();

  boost::asio::any_io_executor executor_;
  std::unordered_map<std::string, std::vector<std::shared_ptr<Instance>>> idle_;  // by pool key
  std::unordered_map<std::string, std::vector<std::shared_ptr<Instance>>> busy_;  // by function
  std::size_t busy_total_ = 0;
  std::vector<std::shared_ptr<boost::asio::steady_timer>> waiting_;  // woken on each release
};

}  // namespace preflight::lambda
