#include "services/sqs/waiters.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace preflight::sqs {

struct Waiters::Waiter {
  boost::asio::steady_timer timer;
  bool registered = true;
};

boost::asio::awaitable<void> Waiters::wait(std::int64_t queue_id,
                                           std::chrono::steady_clock::time_point until) {
  if (stopping_) {
    co_return;
  }
  Waiter waiter{boost::asio::steady_timer(co_await boost::asio::this_coro::executor, until)};
  auto& list = waiting_[queue_id];
  const auto position = list.insert(list.end(), &waiter);
  co_await waiter.timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
  if (waiter.registered) {  // timed out: nobody removed us
    auto it = waiting_.find(queue_id);
    it->second.erase(position);
    if (it->second.empty()) {
      waiting_.erase(it);
    }
  }
}

void Waiters::notify(std::int64_t queue_id, std::size_t n) {
  auto it = waiting_.find(queue_id);
  if (it == waiting_.end()) {
    return;
  }
  auto& list = it->second;
  while (n-- > 0 && !list.empty()) {
    Waiter* w = list.front();
    list.pop_front();
    w->registered = false;
    w->timer.cancel();
  }
  if (list.empty()) {
    waiting_.erase(it);
  }
}

void Waiters::notify_queue(std::int64_t queue_id) {
  notify(queue_id, static_cast<std::size_t>(-1));
}

void Waiters::shutdown() {
  stopping_ = true;
  for (auto& [id, list] : waiting_) {
    for (Waiter* w : list) {
      w->registered = false;
      w->timer.cancel();
    }
  }
  waiting_.clear();
}

std::size_t Waiters::waiting() const {
  std::size_t n = 0;
  for (const auto& [id, list] : waiting_) {
    n += list.size();
  }
  return n;
}

}  // namespace preflight::sqs
