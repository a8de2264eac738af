#include "emulator/http/client.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace preflight::core {

namespace beast = boost::beast;
namespace http = beast::http;
using boost::asio::ip::tcp;

std::optional<HttpUrl> parse_http_url(std::string_view url) {
  constexpr std::string_view scheme = "http://";
  if (!url.starts_with(scheme)) {
    return std::nullopt;
  }
  url.remove_prefix(scheme.size());
  HttpUrl out;
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
  auto fail = [&](std::string what, const boost::system::error_code& ec) {
    HttpClientError e(what + ": " + ec.message());
    e.timed_out = ec == beast::error::timeout;
    return e;
  };
  if (cec) {
    throw fail("cannot connect to " + url.host + ":" + url.port, cec);
  }
  http::request<http::string_body> req{http::string_to_verb(request.method), url.target, 11};
  for (const auto& f : request.headers) {
    req.insert(f.name, f.value);
  }
  req.set(http::field::host, url.port == "80" ? url.host : url.host + ":" + url.port);
  req.set(http::field::connection, "close");
  req.body() = request.body;
  req.prepare_payload();
  auto [wec, written] = co_await http::async_write(stream, req, as_tuple(use_awaitable));
  if (wec) {
    throw fail("cannot send to " + url.host, wec);
  }
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(body_limit);
  auto [ec, read] = co_await http::async_read(stream, buffer, parser, as_tuple(use_awaitable));
  if (ec) {
    throw fail("bad answer from " + url.host, ec);
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  HttpResponse out;
  auto& msg = parser.get();
  out.status = static_cast<int>(msg.result_int());
  for (const auto& f : msg) {
    out.headers.add(std::string(f.name_string()), std::string(f.value()));
  }
  out.body = std::move(msg.body());
  co_return out;
}

}  // namespace preflight::core
