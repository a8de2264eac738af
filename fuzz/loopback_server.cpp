#include "fuzz/loopback_server.h"

#include <boost/asio/io_context.hpp>

#include <thread>

#include "emulator/http/server.h"

namespace preflight::fuzz {
namespace {

class Adapter final : public core::RequestHandler {
 public:
  explicit Adapter(SyncHandler handler) : handler_(std::move(handler)) {}

  std::size_t body_limit(const HttpRequest& head) override { return handler_.body_limit(head); }
  HttpResponse too_large(const HttpRequest& head, std::size_t limit) override {
    return handler_.too_large(head, limit);
  }
  boost::asio::awaitable<HttpResponse> handle(HttpRequest request) override {
    co_return handler_.handle(request);
  }

 private:
  SyncHandler handler_;
};

}  // namespace

std::uint16_t start_loopback_server(SyncHandler handler, std::size_t header_limit) {
  // Held by statics, so leak checks see them reachable, and never destroyed: the server's thread
  // runs until the fuzzer exits.
  static auto* io = new boost::asio::io_context();
  static auto* adapter = new Adapter(std::move(handler));
  core::ServerOptions options;
  options.port = 0;
  options.header_limit = header_limit;
  static auto* server = new core::HttpServer(*io, *adapter, options);
  const auto port = server->listen();
  server->start();
  std::thread([] { io->run(); }).detach();
  return port;
}

}  // namespace preflight::fuzz
