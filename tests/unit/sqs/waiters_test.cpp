#include "services/sqs/waiters.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

namespace preflight::sqs {
namespace {

using namespace std::chrono_literals;

// Parks `count` waiters on queue 1 with a far deadline; each records when it returns.
struct Parked {
  boost::asio::io_context io;
  Waiters waiters;
  int returned = 0;

  void park(int count, std::chrono::steady_clock::duration timeout = 1h) {
    for (int i = 0; i < count; ++i) {
      boost::asio::co_spawn(
          io,
          [this, timeout]() -> boost::asio::awaitable<void> {
            co_await waiters.wait(1, std::chrono::steady_clock::now() + timeout);
            ++returned;
          },
          boost::asio::detached);
    }
    poll();  // everyone is now waiting
  }

  void poll() {
    io.restart();  // a poll that ran out of work leaves the context stopped
    io.poll();
  }
};

TEST(Waiters, NotifyWakesExactlyAsManyAsAsked) {
  Parked p;
  p.park(5);
  EXPECT_EQ(p.waiters.waiting(), 5U);
  p.waiters.notify(1, 2);
  p.poll();
  EXPECT_EQ(p.returned, 2);
  EXPECT_EQ(p.waiters.waiting(), 3U);
  p.waiters.notify(2, 10);  // another queue: nobody here
  p.poll();
  EXPECT_EQ(p.returned, 2);
  p.waiters.notify_queue(1);
  p.poll();
  EXPECT_EQ(p.returned, 5);
  EXPECT_EQ(p.waiters.waiting(), 0U);
}

TEST(Waiters, DeadlinePassesWithoutNotify) {
  Parked p;
  p.park(3, 1ms);
  p.io.run_for(2s);
  EXPECT_EQ(p.returned, 3);
  EXPECT_EQ(p.waiters.waiting(), 0U);
}

TEST(Waiters, ShutdownWakesEveryoneAndLaterWaitsReturnAtOnce) {
  Parked p;
  p.park(4);
  p.waiters.shutdown();
  p.poll();
  EXPECT_EQ(p.returned, 4);
  p.park(1);
  EXPECT_EQ(p.returned, 5);
}

}  // namespace
}  // namespace preflight::sqs
