#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <sys/wait.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "emulator/process/child_process.h"

namespace preflight::core {
namespace {

namespace asio = boost::asio;

// Runs `sh -c script` to its end on a fresh event loop; returns (lines, wait status).
std::pair<std::vector<std::string>, int> run_shell(const std::string& script,
                                                   std::vector<std::string> env = {}) {
  asio::io_context io;
  std::vector<std::string> lines;
  int status = -1;
  auto child = ChildProcess::spawn(io.get_executor(), {{"sh", "-c", script}, std::move(env), "/"},
                                   [&](std::string_view line) { lines.emplace_back(line); });
  asio::co_spawn(
      io, [&]() -> asio::awaitable<void> { status = co_await child->wait(); }, asio::detached);
  io.run_for(std::chrono::seconds(10));
  return {lines, status};
}

// Whether a process of group `pgid` is alive and not a zombie.
bool group_has_live_members(pid_t pgid) {
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const auto name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) {
      continue;
    }
    std::ifstream stat(entry.path() / "stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    const auto close = text.rfind(')');
    if (close == std::string::npos) {
      continue;
    }
    std::istringstream rest(text.substr(close + 2));
    std::string state;
    long ppid = 0;
    long group = 0;
    rest >> state >> ppid >> group;
    if (group == pgid && state != "Z") {
      return true;
    }
  }
  return false;
}

TEST(ChildProcess, DeliversStdoutAndStderrLineByLineAndTheExitStatus) {
  auto [lines, status] = run_shell("echo one; echo two >&2; printf 'no newline'; exit 3");
  EXPECT_EQ(lines, (std::vector<std::string>{"one", "two", "no newline"}));
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 3);
  EXPECT_EQ(describe_exit(status), "exited with status 3");
}

TEST(ChildProcess, GetsExactlyTheEnvironmentAndDirectoryGiven) {
  auto [lines, status] = run_shell("echo \"$ONLY|$HOME|$(pwd)\"", {"ONLY=this"});
  EXPECT_EQ(lines, (std::vector<std::string>{"this||/"}));
  EXPECT_TRUE(WIFEXITED(status));
}

TEST(ChildProcess, KillEndsTheProcessAndWhatItStarted) {
  asio::io_context io;
  std::vector<std::string> lines;
  int status = -1;
  // The shell starts a grandchild that would sleep for a minute; both die with kill().
  auto child = ChildProcess::spawn(
      io.get_executor(),
      {{"sh", "-c", "sleep 60 & echo started; wait"}, {"PATH=/usr/bin:/bin"}, ""},
      [&](std::string_view line) { lines.emplace_back(line); });
  EXPECT_TRUE(child->running());
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        asio::steady_timer timer(io);
        while (lines.empty()) {
          timer.expires_after(std::chrono::milliseconds(5));
          co_await timer.async_wait(asio::use_awaitable);
        }
        child->kill();
        status = co_await child->wait();
      },
      asio::detached);
  const auto began = std::chrono::steady_clock::now();
  io.run_for(std::chrono::seconds(10));
  EXPECT_LT(std::chrono::steady_clock::now() - began, std::chrono::seconds(5));
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(WTERMSIG(status), SIGKILL);
  EXPECT_FALSE(child->running());
  // The whole group is gone (a killed grandchild may linger as a zombie until it is reaped).
  bool live = true;
  for (int i = 0; i < 200 && live; ++i) {
    live = group_has_live_members(child->pid());
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_FALSE(live);
}

TEST(ChildProcess, AMissingProgramIsAnError) {
  asio::io_context io;
  EXPECT_THROW(ChildProcess::spawn(io.get_executor(), {{"no-such-program-here"}, {}, ""}, {}),
               std::system_error);
}

TEST(ChildProcess, DrainOutputDeliversWhatIsAlreadyWritten) {
  asio::io_context io;
  std::vector<std::string> lines;
  auto child = ChildProcess::spawn(
      io.get_executor(), {{"sh", "-c", "echo early; sleep 60"}, {"PATH=/usr/bin:/bin"}, ""},
      [&](std::string_view line) { lines.emplace_back(line); });
  // Without running the loop, the pipe is read at once.
  for (int i = 0; i < 200 && lines.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    child->drain_output();
  }
  EXPECT_EQ(lines, (std::vector<std::string>{"early"}));
  child->kill();
  io.run_for(std::chrono::seconds(5));
  EXPECT_FALSE(child->running());
}

}  // namespace
}  // namespace preflight::core
