#pragma once
/// A decoded credential as text for a technician: one "français / English: value" line per field.

#include <string>

#include "proto/credential/credential.hpp"

namespace minegate::credential {

std::string Describe(const Credential& credential);

}  // namespace minegate::credential
