#include "services/lambda/code/zip_archive.h"

#include "emulator/common/crypto.h"
#include "services/lambda/code/zip_reader.h"

namespace preflight::lambda {

ZipSummary inspect_zip(std::string_view bytes, const ZipLimits& limits) {
  return ZipReader(bytes, limits).summary();
}

std::string code_sha256(std::string_view zip_bytes) {
  return base64_encode(sha256(zip_bytes));
}

}  // namespace preflight::lambda
