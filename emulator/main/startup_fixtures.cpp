#include "emulator/main/startup_fixtures.h"

#include <boost/asio/post.hpp>

#include <ostream>
#include <streambuf>
#include <utility>

#include "emulator/common/log.h"
#include "harness/fixtures/fixtures.h"

namespace preflight {

namespace {

// A stream buffer that hands each complete line to log::info.
class LogLineBuffer : public std::streambuf {
 public:
  ~LogLineBuffer() override { flush_line(); }

 protected:
  int_type overflow(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof())) {
      return traits_type::not_eof(c);
    }
    if (traits_type::to_char_type(c) == '\n') {
      flush_line();
    } else {
      line_.push_back(traits_type::to_char_type(c));
    }
    return c;
  }

 private:
  void flush_line() {
    if (!line_.empty()) {
      log::info(line_);
      line_.clear();
    }
  }

  std::string line_;
};

std::string connect_host(const std::string& host) {
  if (host.empty() || host == "0.0.0.0" || host == "localhost") {
    return "127.0.0.1";
  }
  if (host == "::") {
    return "[::1]";
  }
  return host.find(':') == std::string::npos ? host : "[" + host + "]";
}

}  // namespace

harness::Target fixtures_target(const ServeOptions& options, std::uint16_t port) {
  const auto& config = options.config;
  harness::Target target;
  target.endpoint = "http://" + connect_host(config.host) + ":" + std::to_string(port);
  target.region = config.region;
  auto pair = config.credentials.find(options.fixtures_access_key);
  if (pair == config.credentials.end()) {
    pair = config.credentials.begin();
  }
  if (pair != config.credentials.end()) {
    target.credentials = {pair->first, pair->second, ""};
  }
  return target;
}

StartupFixtures::StartupFixtures(boost::asio::io_context& io, harness::Target target,
                                 std::vector<std::string> files,
                                 std::function<void(std::string error)> done) {
  thread_ = std::thread(
      [&io, target = std::move(target), files = std::move(files), done = std::move(done)] {
        std::string error;
        try {
          const harness::AwsClient client(target);
          LogLineBuffer buffer;
          std::ostream progress(&buffer);
          for (const auto& file : files) {
            harness::load_fixtures(client, file, progress);
          }
        } catch (const std::exception& e) {
          error = e.what();
        } catch (...) {
          error = "fixtures could not be loaded";
        }
        boost::asio::post(io, [done, error = std::move(error)] { done(error); });
      });
}

StartupFixtures::~StartupFixtures() {
  if (thread_.joinable()) {
    thread_.join();
  }
}

}  // namespace preflight
