#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>

#include "emulator/common/http_message.h"

// The real HttpServer on 127.0.0.1 (a free port) on its own thread for the rest of the process,
// answering with synchronous functions. Kept in its own source file because clang 14 fails on
// coroutines ("Cannot represent a difference across sections") built with libFuzzer's coverage
// or UBSan: this file and the server get ASan only; the code the functions call keeps both.
namespace preflight::fuzz {

struct SyncHandler {
  std::function<std::size_t(const HttpRequest& head)> body_limit;
  std::function<HttpResponse(const HttpRequest& head, std::size_t limit)> too_large;
  std::function<HttpResponse(const HttpRequest& request)> handle;
};

std::uint16_t start_loopback_server(SyncHandler handler, std::size_t header_limit);

}  // namespace preflight::fuzz
