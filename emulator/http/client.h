#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <optional>
#include <string>

#include "emulator/common/http_message.h"

namespace preflight::core {

// "http://host:port/path?query" split; nullopt for anything else (https is not spoken: targets
// behind a local gateway are local services).
struct HttpUrl {
  std::string host;
  std::string port = "80";
  std::string target = "/";  // path and query
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

}  // namespace preflight::core
