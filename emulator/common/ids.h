#pragma once

#include <string>

namespace preflight {

// A random version-4 UUID, lower-case: what AWS uses for request ids and many resource ids.
std::string new_uuid();
// A random string of n characters from [A-Za-z0-9].
std::string random_alnum(std::size_t n);

}  // namespace preflight
