#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "emulator/common/http_message.h"

namespace boost::asio {
class io_context;
}

namespace preflight::core {

// What the server asks of the application. Implementations must not block: they run on the
// event-loop thread and suspend (co_await) instead of waiting.
class RequestHandler {
 public:
  virtual ~RequestHandler() = default;
  // Decided from the request line and headers; a larger body is answered with too_large().
  virtual std::size_t body_limit(const HttpRequest& head) = 0;
  virtual HttpResponse too_large(const HttpRequest& head, std::size_t limit) = 0;
  virtual boost::asio::awaitable<HttpResponse> handle(HttpRequest request) = 0;
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 4566;
  std::chrono::seconds idle_timeout{60};  // keep-alive connections idle longer are closed
  std::chrono::seconds read_timeout{60};  // a request must arrive whole within this
  std::size_t header_limit = 64 * 1024;
};

// HTTP/1.1 on Boost.Beast: keep-alive, pipelining-safe sequential handling per connection,
// Expect: 100-continue, chunked bodies, per-route body limits, idle timeouts, graceful shutdown.
class HttpServer {
 public:
  HttpServer(boost::asio::io_context& io, RequestHandler& handler, ServerOptions options);
  // Servers made by services at run time (a Lambda runtime instance's Runtime API endpoint).
  HttpServer(const boost::asio::any_io_executor& executor, RequestHandler& handler,
             ServerOptions options);
  ~HttpServer();

  // Binds and listens; returns the port (useful with port 0). Throws on failure.
  std::uint16_t listen();
  // Starts accepting on the event loop.
  void start();
  // Stops accepting, closes idle connections, lets in-flight requests finish and answer with
  // Connection: close. The event loop runs out of work once the last one is done.
  void shutdown();
  std::size_t open_connections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace preflight::core
