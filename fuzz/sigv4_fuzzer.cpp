// libFuzzer target: SigV4 parsing (emulator/common/sigv4), what --strict-auth runs on every
// request. The input's first line is an Authorization header value, the second a query string,
// the third a path; the request built from them is parsed and, when it parses, canonicalised and
// signed again as the verifier would. None of it may crash, whatever the bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "emulator/common/sigv4.h"

namespace {

std::string_view next_line(std::string_view& text) {
  const auto newline = text.find('\n');
  const std::string_view line = text.substr(0, newline);
  text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
  return line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  namespace sigv4 = preflight::sigv4;
  (void)sigv4::parse_authorization_header(text);

  preflight::HttpRequest request;
  request.method = "POST";
  const std::string_view authorization = next_line(text);
  request.query = std::string(next_line(text));
  request.path = "/" + std::string(next_line(text));
  request.body = std::string(text);
  request.headers.add("Host", "localhost:4566");
  request.headers.add("X-Amz-Date", "20240101T000000Z");
  if (!authorization.empty()) {
    request.headers.add("Authorization", std::string(authorization));
  }
  const auto parsed = sigv4::parse(request);
  if (const auto* auth = std::get_if<sigv4::Authorization>(&parsed)) {
    const std::string canonical = sigv4::canonical_request(
        request, auth->signed_headers, sigv4::kUnsignedPayload, false, auth->presigned);
    const std::string key = sigv4::signing_key("secret", auth->credential.date,
                                               auth->credential.region, auth->credential.service);
    (void)sigv4::signature(
        key, sigv4::string_to_sign(auth->amz_date, auth->credential.scope(), canonical));
  }
  (void)sigv4::canonical_uri(request.path, true);
  (void)sigv4::canonical_query(request.query, true);
  return 0;
}
