// The emulator's descriptors are owned by the project's one owner of a descriptor.
#pragma once

#include "base/unique_fd.hpp"

namespace minegate::pn532sim {

using base::UniqueFd;

}  // namespace minegate::pn532sim
