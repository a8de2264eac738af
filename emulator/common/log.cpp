#include "emulator/common/log.h"

#include <cstdio>
#include <string>

#include "emulator/common/json.h"
#include "emulator/common/time_format.h"

namespace preflight::log {
namespace {

Format g_format = Format::Text;

// stderr is unbuffered: hand it the whole line at once, one write(2) per request.
void write_line(std::string line) {
  line.push_back('\n');
  std::fwrite(line.data(), 1, line.size(), stderr);
}

void message(std::string_view level, std::string_view text) {
  if (g_format == Format::Off) {
    return;
  }
  const auto ts = iso8601_ms(unix_now_ms());
  if (g_format == Format::Json) {
    write_line(Json{{"ts", ts}, {"level", level}, {"message", text}}.dump());
  } else {
    write_line(ts + " " + std::string(level) + " " + std::string(text));
  }
}

}  // namespace

void set_format(Format format) {
  g_format = format;
}
Format format() {
  return g_format;
}

void request(const RequestLine& line) {
  if (g_format == Format::Off) {
    return;
  }
  const auto ts = iso8601_ms(unix_now_ms());
  if (g_format == Format::Json) {
    Json j{{"ts", ts},
           {"request_id", line.request_id},
           {"service", line.service},
           {"operation", line.operation},
           {"status", line.status},
           {"latency_us", line.latency_us}};
    if (!line.error_code.empty()) {
      j["error"] = line.error_code;
    }
    write_line(j.dump(-1, ' ', false, Json::error_handler_t::replace));
    return;
  }
  std::string text = ts;
  text.append(" ").append(line.service).append(" ").append(line.operation);
  text.append(" ").append(std::to_string(line.status));
  text.append(" ").append(std::to_string(line.latency_us)).append("us");
  if (!line.error_code.empty()) {
    text.append(" ").append(line.error_code);
  }
  text.append(" ").append(line.request_id);
  write_line(text);
}

void info(std::string_view text) {
  message("INFO", text);
}
void warn(std::string_view text) {
  message("WARN", text);
}
void error(std::string_view text) {
  message("ERROR", text);
}

}  // namespace preflight::log
