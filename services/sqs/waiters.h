#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <list>
#include <unordered_map>

namespace preflight::sqs {

// Long-polling receivers parked per queue. A waiter is a timer on the event loop: it costs no
// CPU while it waits, and a send wakes exactly as many waiters as it made messages visible.
class Waiters {
 public:
  // Returns at `until`, when notified, or when shutdown begins.
  boost::asio::awaitable<void> wait(std::int64_t queue_id,
                                    std::chrono::steady_clock::time_point until);
  // Wakes up to n waiters of the queue, oldest first.
  void notify(std::int64_t queue_id, std::size_t n);
  void notify_queue(std::int64_t queue_id);  // all of a queue's waiters (visibility changes)
  void shutdown();                           // wakes everyone; later waits return at once

  bool stopping() const { return stopping_; }
  std::size_t waiting() const;

 private:
  struct Waiter;
  std::unordered_map<std::int64_t, std::list<Waiter*>> waiting_;
  bool stopping_ = false;
};

}  // namespace preflight::sqs
