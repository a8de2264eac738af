#pragma once

#include <boost/asio/awaitable.hpp>

#include <cstddef>
#include <string>

#include "emulator/common/json.h"
#include "services/lambda/backend.h"

namespace preflight::lambda {

// Lambda's limit on a zip uploaded in the request (ZipFile).
inline constexpr std::size_t kMaxZipBytes = 50 * 1024 * 1024;

struct UploadedCode {
  std::string sha256;  // CodeSha256: base64 of the zip's SHA-256
  std::size_t size = 0;
};

// Takes FunctionCode ({"ZipFile": base64}): checks the zip is safe to unpack, stores it and
// unpacks it into the code cache. Throws InvalidParameterValueException for S3 code, images and
// zips that cannot be unpacked safely (path escapes, links, bombs, corruption).
boost::asio::awaitable<UploadedCode> upload_code(Backend& b, const Json& code_input);

}  // namespace preflight::lambda
