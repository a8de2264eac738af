#pragma once

#include <filesystem>
#include <string>

namespace preflight::harness {

// A Lambda deployment package made from a folder (SAM's CodeUri): every regular file under it,
// in sorted order, with fixed timestamps and permissions (executables stay executable), so the
// same files always give the same bytes, hence the same CodeSha256, and a redeploy of unchanged
// code uploads nothing. __pycache__ folders and *.pyc files are left out: running the code
// locally must not look like a change. Throws TemplateError when the folder is missing.
std::string zip_folder(const std::filesystem::path& folder);

// base64(sha256(bytes)): Lambda's CodeSha256.
std::string code_sha256(const std::string& zip);

}  // namespace preflight::harness
