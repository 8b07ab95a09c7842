#pragma once
/// Person tokens: 16 random bytes that name a person everywhere in minegate and
/// say nothing about her or him.

#include "proto/credential/credential.hpp"
#include "proto/credential/error.hpp"

namespace minegate::credential {

/// A fresh token from the operating system's CSPRNG (libsodium randombytes).
Result<PersonToken> NewPersonToken();

}  // namespace minegate::credential
