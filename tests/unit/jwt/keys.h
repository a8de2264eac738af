#pragma once

#include "emulator/common/rsa_key.h"

namespace preflight::test {

// RSA-2048 generation takes tens of milliseconds; the tests share two keys.
inline const RsaKey& key_a() {
  static const RsaKey key = RsaKey::generate("kid-a");
  return key;
}

inline const RsaKey& key_b() {
  static const RsaKey key = RsaKey::generate("kid-b");
  return key;
}

}  // namespace preflight::test
