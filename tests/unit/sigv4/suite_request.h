#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>

#include "emulator/common/http_message.h"
#include "emulator/common/strings.h"

// Reading AWS's SigV4 test suite (tests/data/sigv4/<case>/request.*) for the sigv4 tests.
namespace preflight::sigv4_suite {

inline const std::filesystem::path kSuiteDir = std::filesystem::path(PREFLIGHT_TEST_DATA) / "sigv4";

inline constexpr std::string_view kAccessKey = "AKIDEXAMPLE";
inline constexpr std::string_view kSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
inline constexpr std::string_view kRegion = "us-east-1";
inline constexpr std::string_view kService = "service";
inline constexpr std::string_view kAmzDate = "20150830T123600Z";
inline constexpr std::int64_t kEpoch = 1440938160;  // 2015-08-30T12:36:00Z

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot open " + path.string());
  }
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Parses a suite .req/.sreq file: "METHOD TARGET HTTP/1.1", "Name:value" lines, a blank line,
// the body. The target may hold spaces (normalize-path/get-space), so it runs up to the last
// " HTTP/". A line starting with whitespace continues the previous header: the suite expects
// each continuation as one more value of that header (get-header-value-multiline's canonical
// form is "my-header1:value1,value2,value3"), so it becomes one more field of that name.
inline HttpRequest parse_request(std::string_view text) {
  HttpRequest request;
  std::string_view head = text;
  if (const auto blank = text.find("\n\n"); blank != std::string_view::npos) {
    head = text.substr(0, blank);
    request.body = std::string(text.substr(blank + 2));
  }
  bool first = true;
  std::string last_name;
  for (auto line : split(head, '\n')) {
    if (line.ends_with('\r')) {
      line.remove_suffix(1);
    }
    if (first) {
      first = false;
      const auto method_end = line.find(' ');
      const auto version = line.rfind(" HTTP/");
      if (method_end == std::string_view::npos || version == std::string_view::npos ||
          version <= method_end) {
        throw std::runtime_error("bad request line: " + std::string(line));
      }
      request.method = std::string(line.substr(0, method_end));
      request.set_target(line.substr(method_end + 1, version - method_end - 1));
      continue;
    }
    if (line.empty()) {
      continue;
    }
    if (line.front() == ' ' || line.front() == '\t') {
      if (last_name.empty()) {
        throw std::runtime_error("continuation without a header: " + std::string(line));
      }
      request.headers.add(last_name, std::string(trim(line)));
      continue;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) {
      throw std::runtime_error("bad header line: " + std::string(line));
    }
    last_name = std::string(line.substr(0, colon));
    request.headers.add(last_name, std::string(trim(line.substr(colon + 1))));
  }
  return request;
}

}  // namespace preflight::sigv4_suite
