#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <optional>
#include <string>

#include "emulator/common/http_message.h"

namespace preflight {

// "http://host:port/path?query" or "https://..." split; nullopt for anything else.
struct HttpUrl {
  std::string host;
  std::string port = "80";
  std::string target = "/";  // path and query
  bool tls = false;          // https: TLS with the system's trusted roots, SNI and host check
};
std::optional<HttpUrl> parse_http_url(std::string_view url);

struct HttpClientError : std::runtime_error {
  using std::runtime_error::runtime_error;
  bool timed_out = false;
};

// One HTTP/1.1 request on a fresh connection (Connection: close), without blocking the event
// loop. Throws HttpClientError when the peer cannot be reached, answers garbage, or the whole
// exchange takes longer than `timeout`.
boost::asio::awaitable<HttpResponse> http_call(boost::asio::any_io_executor executor,
                                               const HttpUrl& url, const HttpRequest& request,
                                               std::chrono::milliseconds timeout,
                                               std::size_t body_limit = 10 * 1024 * 1024);

// The same exchange for callers without an event loop (the harness, command-line tools): runs
// http_call on a private io_context and returns its answer or throws its error.
HttpResponse http_call_blocking(const HttpUrl& url, const HttpRequest& request,
                                std::chrono::milliseconds timeout,
                                std::size_t body_limit = 64 * 1024 * 1024);

}  // namespace preflight
