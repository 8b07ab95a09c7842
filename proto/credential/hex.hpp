#pragma once
/// Hexadecimal text for credentials, tag UIDs and keys, as technicians type and read them
/// ("04a1b2..." or "04:A1:B2"): the project's one codec, base/hex.hpp, under the names the
/// credential code and its callers use.

#include "base/hex.hpp"

namespace minegate::credential {

using base::FromHex;
using base::ToHex;

}  // namespace minegate::credential
