#pragma once

#include <boost/asio/io_context.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "emulator/main/serve.h"
#include "harness/client/aws_client.h"

namespace preflight {

// Where `serve --fixtures` sends its requests: the emulator itself on its bound port (loopback
// when it listens on every address), signed with the first --credentials pair, in --region.
harness::Target fixtures_target(const ServeOptions& options, std::uint16_t port);

// Loads fixtures files into the running emulator over HTTP, as any client would, from a thread
// of its own: the requests are served by `io`, which keeps running on the main thread. Progress
// lines go to the log. `done` then runs on io's thread, with an empty string on success or the
// error ("FILE: what").
class StartupFixtures {
 public:
  StartupFixtures(boost::asio::io_context& io, harness::Target target,
                  std::vector<std::string> files, std::function<void(std::string error)> done);
  ~StartupFixtures();  // waits for the thread
  StartupFixtures(const StartupFixtures&) = delete;
  StartupFixtures& operator=(const StartupFixtures&) = delete;

 private:
  std::thread thread_;
};

}  // namespace preflight
