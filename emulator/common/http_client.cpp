#include "emulator/common/http_client.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

namespace preflight {

namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = boost::asio::ssl;
using boost::asio::ip::tcp;

std::optional<HttpUrl> parse_http_url(std::string_view url) {
  HttpUrl out;
  if (url.starts_with("https://")) {
    out.tls = true;
    out.port = "443";
    url.remove_prefix(8);
  } else if (url.starts_with("http://")) {
    url.remove_prefix(7);
  } else {
    return std::nullopt;
  }
  const auto slash = url.find_first_of("/?");
  std::string_view authority = url.substr(0, slash);
  if (slash != std::string_view::npos) {
    out.target = std::string(url.substr(slash));
    if (out.target.front() == '?') {
      out.target.insert(0, "/");
    }
  }
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);
  }
  const auto colon = authority.rfind(':');
  if (colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
    out.port = std::string(authority.substr(colon + 1));
    authority = authority.substr(0, colon);
  }
  if (authority.starts_with('[') && authority.ends_with(']')) {
    authority = authority.substr(1, authority.size() - 2);
  }
  if (authority.empty() || out.port.empty()) {
    return std::nullopt;
  }
  out.host = std::string(authority);
  return out;
}

namespace {

HttpClientError failure(const std::string& what, const boost::system::error_code& ec) {
  HttpClientError e(what + ": " + ec.message());
  e.timed_out = ec == beast::error::timeout;
  return e;
}

// Writes the request and reads the answer on a connected stream (plain TCP or TLS).
template <typename Stream>
boost::asio::awaitable<HttpResponse> exchange(Stream& stream, const HttpUrl& url,
                                              const HttpRequest& request, std::size_t body_limit) {
  using boost::asio::as_tuple;
  using boost::asio::use_awaitable;
  const bool default_port = url.port == (url.tls ? "443" : "80");
  http::request<http::string_body> req{http::string_to_verb(request.method), url.target, 11};
  for (const auto& f : request.headers) {
    req.insert(f.name, f.value);
  }
  req.set(http::field::host, default_port ? url.host : url.host + ":" + url.port);
  req.set(http::field::connection, "close");
  req.body() = request.body;
  req.prepare_payload();
  auto [wec, written] = co_await http::async_write(stream, req, as_tuple(use_awaitable));
  if (wec) {
    throw failure("cannot send to " + url.host, wec);
  }
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(body_limit);
  auto [ec, read] = co_await http::async_read(stream, buffer, parser, as_tuple(use_awaitable));
  if (ec) {
    throw failure("bad answer from " + url.host, ec);
  }
  HttpResponse out;
  auto& msg = parser.get();
  out.status = static_cast<int>(msg.result_int());
  for (const auto& f : msg) {
    out.headers.add(std::string(f.name_string()), std::string(f.value()));
  }
  out.body = std::move(msg.body());
  co_return out;
}

}  // namespace

boost::asio::awaitable<HttpResponse> http_call(boost::asio::any_io_executor executor,
                                               const HttpUrl& url, const HttpRequest& request,
                                               std::chrono::milliseconds timeout,
                                               std::size_t body_limit) {
  using boost::asio::as_tuple;
  using boost::asio::use_awaitable;
  tcp::resolver resolver(executor);
  auto [rec, endpoints] =
      co_await resolver.async_resolve(url.host, url.port, as_tuple(use_awaitable));
  if (rec) {
    throw HttpClientError("cannot resolve " + url.host + ": " + rec.message());
  }
  beast::tcp_stream stream(executor);
  stream.expires_after(timeout);
  auto [cec, ep] = co_await stream.async_connect(endpoints, as_tuple(use_awaitable));
  if (cec) {
    throw failure("cannot connect to " + url.host + ":" + url.port, cec);
  }
  if (!url.tls) {
    HttpResponse out = co_await exchange(stream, url, request, body_limit);
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    co_return out;
  }
  ssl::context tls(ssl::context::tls_client);
  tls.set_default_verify_paths();
  tls.set_verify_mode(ssl::verify_peer);
  beast::ssl_stream<beast::tcp_stream> secure(std::move(stream), tls);
  if (!SSL_set_tlsext_host_name(secure.native_handle(), url.host.c_str())) {
    throw HttpClientError("cannot set TLS server name " + url.host);
  }
  secure.set_verify_callback(ssl::host_name_verification(url.host));
  auto [hec] = co_await secure.async_handshake(ssl::stream_base::client, as_tuple(use_awaitable));
  if (hec) {
    throw failure("TLS handshake with " + url.host + " failed", hec);
  }
  co_return co_await exchange(secure, url, request, body_limit);
}

HttpResponse http_call_blocking(const HttpUrl& url, const HttpRequest& request,
                                std::chrono::milliseconds timeout, std::size_t body_limit) {
  boost::asio::io_context io(1);
  auto answer = boost::asio::co_spawn(
      io, http_call(io.get_executor(), url, request, timeout, body_limit), boost::asio::use_future);
  io.run();
  return answer.get();
}

}  // namespace preflight
