#include "services/lambda/code_upload.h"

#include <functional>

#include "emulator/common/crypto.h"
#include "emulator/service/aws_error.h"
#include "emulator/service/input.h"
#include "services/lambda/code/zip_archive.h"
#include "services/lambda/errors.h"

namespace preflight::lambda {
namespace input = core::input;

boost::asio::awaitable<UploadedCode> upload_code(Backend& b, const Json& code_input) {
  if (input::string(code_input, "S3Bucket") || input::string(code_input, "S3Key")) {
    throw errors::invalid_parameter(
        "Code from S3 (S3Bucket/S3Key) is not supported by Preflight yet: upload the zip as "
        "ZipFile.");
  }
  if (input::string(code_input, "ImageUri")) {
    throw errors::invalid_parameter("Container images are not supported by Preflight.");
  }
  const auto encoded = input::string(code_input, "ZipFile");
  if (!encoded) {
    throw errors::invalid_parameter("Please provide a source for function code.");
  }
  auto zip = base64_decode(*encoded);
  if (!zip) {
    throw core::errors::serialization("ZipFile is not valid base64.");
  }
  if (zip->size() > kMaxZipBytes) {
    throw errors::request_too_large(kMaxZipBytes, "CreateFunction");
  }
  try {
    inspect_zip(*zip);
  } catch (const ZipError& e) {
    throw errors::invalid_zip(e.what());
  }
  UploadedCode code{code_sha256(*zip), zip->size()};
  b.store().put_code(code.sha256, *zip);
  // Unpacked now (off the event loop), so a zip that cannot be unpacked fails this request.
  try {
    const std::function<std::optional<std::string>()> load = [&] { return std::move(zip); };
    co_await b.code().directory(code.sha256, load);
  } catch (const ZipError& e) {
    throw errors::invalid_zip(e.what());
  }
  co_return code;
}

}  // namespace preflight::lambda
