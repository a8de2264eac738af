#include "emulator/http/server.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <list>

#include "emulator/common/log.h"

namespace preflight::core {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

HttpRequest to_request(const http::request_parser<http::string_body>& parser) {
  const auto& msg = parser.get();
  HttpRequest req;
  req.method = std::string(msg.method_string());
  req.set_target(msg.target());
  for (const auto& field : msg) {
    req.headers.add(std::string(field.name_string()), std::string(field.value()));
  }
  return req;
}

http::response<http::string_body> to_beast(HttpResponse&& res, unsigned version, bool keep_alive) {
  http::response<http::string_body> out{static_cast<http::status>(res.status), version};
  for (const auto& field : res.headers) {
    out.insert(field.name, field.value);
  }
  out.body() = std::move(res.body);
  out.keep_alive(keep_alive);
  out.prepare_payload();
  return out;
}

HttpResponse plain(int status, std::string_view text) {
  HttpResponse res;
  res.status = status;
  res.headers.add("Content-Type", "text/plain");
  res.body = std::string(text);
  return res;
}

}  // namespace

struct HttpServer::Impl {
  // One per connection, so shutdown can close the idle ones and wait for the busy ones.
  struct Session {
    beast::tcp_stream* stream = nullptr;
    bool busy = false;
  };

  Impl(const asio::any_io_executor& executor_, RequestHandler& handler_, ServerOptions options_)
      : executor(executor_), handler(handler_), options(std::move(options_)), acceptor(executor_) {}

  asio::awaitable<void> accept_loop();
  asio::awaitable<void> serve(tcp::socket socket);
  asio::awaitable<bool> serve_one(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                  Session& session);

  asio::any_io_executor executor;
  RequestHandler& handler;
  ServerOptions options;
  tcp::acceptor acceptor;
  std::list<Session> sessions;
  bool stopping = false;
};

asio::awaitable<void> HttpServer::Impl::accept_loop() {
  while (!stopping) {
    beast::error_code ec;
    tcp::socket socket =
        co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (stopping || ec == asio::error::operation_aborted) {
        break;
      }
      continue;  // e.g. EMFILE: keep serving the connections we have
    }
    socket.set_option(tcp::no_delay(true), ec);
    asio::co_spawn(executor, serve(std::move(socket)), asio::detached);
  }
}

asio::awaitable<void> HttpServer::Impl::serve(tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  auto session = sessions.insert(sessions.end(), Session{&stream, false});
  try {
    while (!stopping && co_await serve_one(stream, buffer, *session)) {
    }
  } catch (const std::exception& e) {
    log::error(std::string("connection failed: ") + e.what());
  }
  sessions.erase(session);
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream.socket().close(ec);
}

// Reads one request, answers it; returns whether the connection stays open.
asio::awaitable<bool> HttpServer::Impl::serve_one(beast::tcp_stream& stream,
                                                  beast::flat_buffer& buffer, Session& session) {
  beast::error_code ec;
  http::request_parser<http::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
  parser.body_limit(boost::none);

  session.busy = false;
  stream.expires_after(options.idle_timeout);
  co_await http::async_read_header(stream, buffer, parser,
                                   asio::redirect_error(asio::use_awaitable, ec));
  session.busy = true;
  if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
      ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
      ec == asio::error::eof) {
    co_return false;
  }
  auto respond = [&](HttpResponse res, bool keep_alive) -> asio::awaitable<bool> {
    keep_alive = keep_alive && !stopping;
    auto out = to_beast(std::move(res), parser.get().version(), keep_alive);
    stream.expires_after(options.read_timeout);
    beast::error_code wec;
    co_await http::async_write(stream, out, asio::redirect_error(asio::use_awaitable, wec));
    co_return keep_alive && !wec;
  };
  if (ec) {
    co_return co_await respond(plain(400, "Bad Request: " + ec.message()), false);
  }

  HttpRequest request = to_request(parser);
  const std::size_t limit = handler.body_limit(request);
  if (const auto length = parser.content_length(); length && *length > limit) {
    co_return co_await respond(handler.too_large(request, limit), false);
  }
  if (beast::iequals(parser.get()[http::field::expect], "100-continue")) {
    http::response<http::empty_body> cont{http::status::continue_, parser.get().version()};
    co_await http::async_write(stream, cont, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      co_return false;
    }
  }
  parser.body_limit(limit);
  stream.expires_after(options.read_timeout);
  co_await http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
  if (ec == http::error::body_limit) {
    co_return co_await respond(handler.too_large(request, limit), false);
  }
  if (ec) {
    if (ec == beast::error::timeout || ec == http::error::end_of_stream || ec == asio::error::eof) {
      co_return false;
    }
    co_return co_await respond(plain(400, "Bad Request: " + ec.message()), false);
  }
  request.body = std::move(parser.get().body());
  const bool keep_alive = parser.get().keep_alive();

  stream.expires_never();  // handlers may legitimately wait (long polls)
  HttpResponse response = co_await handler.handle(std::move(request));
  co_return co_await respond(std::move(response), keep_alive);
}

HttpServer::HttpServer(asio::io_context& io, RequestHandler& handler, ServerOptions options)
    : impl_(std::make_unique<Impl>(io.get_executor(), handler, std::move(options))) {}

HttpServer::HttpServer(const asio::any_io_executor& executor, RequestHandler& handler,
                       ServerOptions options)
    : impl_(std::make_unique<Impl>(executor, handler, std::move(options))) {}

HttpServer::~HttpServer() = default;

std::uint16_t HttpServer::listen() {
  auto& acceptor = impl_->acceptor;
  const tcp::endpoint endpoint(asio::ip::make_address(impl_->options.host), impl_->options.port);
  acceptor.open(endpoint.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(endpoint);
  acceptor.listen(asio::socket_base::max_listen_connections);
  return acceptor.local_endpoint().port();
}

void HttpServer::start() {
  asio::co_spawn(impl_->executor, impl_->accept_loop(), asio::detached);
}

void HttpServer::shutdown() {
  impl_->stopping = true;
  beast::error_code ec;
  impl_->acceptor.close(ec);
  for (auto& session : impl_->sessions) {
    if (!session.busy) {
      session.stream->cancel();
    }
  }
}

std::size_t HttpServer::open_connections() const {
  return impl_->sessions.size();
}

}  // namespace preflight::core
